package io.clientele.tag;

import java.util.List;

/**
 * One tag of the catalog (docs/domain.md §7): its id (also its column in customer_profile), names, category path
 * (category → sub-category → tag), kind, measure, source, definition and metadata.
 */
public final class TagDefinition {
  /** static (性别) or dynamic (最近购买品类). */
  public static final List<String> KINDS = List.of("static", "dynamic");
  /** qualitative values are text (已婚); quantitative values are numbers (总购买金额 = 1,000,000). */
  public static final List<String> MEASURES = List.of("qualitative", "quantitative");
  /** rule (a business rule), statistic (a measured quantity), model (a model's output). */
  public static final List<String> SOURCES = List.of("rule", "statistic", "model");

  private final String id;
  private final String nameZh;
  private final String nameEn;
  private final String category;
  private final String subCategory;
  private final String kind;
  private final String measure;
  private final String source;
  private final String definition;
  private final String refresh;
  private final String description;
  private final String owner;
  private final int line;

  public TagDefinition(String id, String nameZh, String nameEn, String category, String subCategory, String kind,
      String measure, String source, String definition, String refresh, String description, String owner, int line) {
    this.id = id;
    this.nameZh = nameZh;
    this.nameEn = nameEn;
    this.category = category;
    this.subCategory = subCategory;
    this.kind = kind;
    this.measure = measure;
    this.source = source;
    this.definition = definition;
    this.refresh = refresh;
    this.description = description;
    this.owner = owner;
    this.line = line;
  }

  public String id() {
    return id;
  }

  public String nameZh() {
    return nameZh;
  }

  public String nameEn() {
    return nameEn;
  }

  public String category() {
    return category;
  }

  public String subCategory() {
    return subCategory;
  }

  /** category / sub-category / id. */
  public String path() {
    return category + "/" + subCategory + "/" + id;
  }

  public String kind() {
    return kind;
  }

  public String measure() {
    return measure;
  }

  public boolean isQuantitative() {
    return "quantitative".equals(measure);
  }

  public String source() {
    return source;
  }

  /** A Spark SQL expression over the tag sources, e.g. {@code customer_rfm.segment}. */
  public String definition() {
    return definition;
  }

  public String refresh() {
    return refresh;
  }

  public String description() {
    return description;
  }

  public String owner() {
    return owner;
  }

  /** The catalog line where the tag starts, for messages. */
  public int line() {
    return line;
  }

  /** "tag 'id' (line N)", the way every message names a tag. */
  public String label() {
    return "tag '" + id + "' (catalog line " + line + ")";
  }

  /** A copy with another definition (tests build bad tags from good ones). */
  public TagDefinition withDefinition(String newDefinition) {
    return new TagDefinition(id, nameZh, nameEn, category, subCategory, kind, measure, source, newDefinition, refresh,
        description, owner, line);
  }

  /** A copy with another id. */
  public TagDefinition withId(String newId) {
    return new TagDefinition(newId, nameZh, nameEn, category, subCategory, kind, measure, source, definition, refresh,
        description, owner, line);
  }

  @Override
  public String toString() {
    return id + " = " + definition;
  }
}
