package io.clientele.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CsvDialectTest {
  private static CsvDialect sniff(String sample) {
    return CsvDialect.sniff(sample, false, 100, 0.9);
  }

  @Test
  void findsEachSeparator() {
    for (char sep : new char[] {',', ';', '\t', '|'}) {
      String s = String.valueOf(sep);
      String file = String.join(s, "age", "job", "balance", "y") + "\n"
          + String.join(s, "58", "management", "2143", "no") + "\n"
          + String.join(s, "44", "technician", "29", "no") + "\n"
          + String.join(s, "33", "entrepreneur", "2", "yes") + "\n";
      CsvDialect dialect = sniff(file);
      assertEquals(sep, dialect.separator(), "separator of " + CsvDialect.show(sep));
      assertEquals('"', dialect.quote());
      assertEquals(4, dialect.columns());
      assertEquals(4, dialect.records());
      assertTrue(dialect.header());
    }
  }

  @Test
  void quotedFieldsHoldingTheSeparatorAndLineEnds() {
    // Commas inside quoted fields, a doubled quote and a line end inside one: still 3 columns on every record.
    String file = "id,comment,amount\r\n"
        + "1,\"cheap, and good\",\"1,5\"\r\n"
        + "2,\"she said \"\"wow\"\", twice\",3\r\n"
        + "3,\"two\nlines, really\",4\r\n"
        + "4,plain,5\r\n";
    CsvDialect dialect = sniff(file);
    assertEquals(',', dialect.separator());
    assertEquals('"', dialect.quote());
    assertEquals('"', dialect.escape(), "RFC 4180: a quote is escaped by doubling it");
    assertEquals(3, dialect.columns());
    assertEquals(5, dialect.records());
    assertEquals(Map.of("sep", ",", "quote", "\"", "escape", "\"", "header", "true"), dialect.readerOptions());
  }

  @Test
  void semicolonFileWithDecimalCommas() {
    String file = "\"age\";\"job\";\"rate\";\"y\"\n"
        + "58;\"management\";1,1;\"no\"\n"
        + "44;\"technician\";1,1;\"no\"\n"
        + "33;\"entrepreneur\";-0,1;\"yes\"\n";
    CsvDialect dialect = sniff(file);
    assertEquals(';', dialect.separator());
    assertEquals('"', dialect.quote());
    assertEquals(4, dialect.columns());
    assertTrue(dialect.header(), "the first record's values are text where the others are numbers");
  }

  @Test
  void singleQuotesAndBackslashEscapes() {
    String file = "name|note\n'a|b'|x\n'c\\'d'|y\n'e'|z\n";
    CsvDialect dialect = sniff(file);
    assertEquals('|', dialect.separator());
    assertEquals('\'', dialect.quote(), "only ' quotes fields here, and it hides the separator in them");
    assertEquals('\\', dialect.escape());
    assertEquals(2, dialect.columns());
  }

  @Test
  void headerOrNot() {
    assertFalse(sniff("1,2.5,10\n2,3.5,11\n3,4.5,12\n").header(), "numbers in the first line as in the others");
    assertTrue(sniff("x,y,z\n1,2.5,10\n2,3.5,11\n").header());
    // Codes of one length in the data, a longer name in the first line.
    assertTrue(sniff("country;code\nFrance;FR\nGermany;DE\nItaly;IT\n").header());
    assertFalse(sniff("FR;France\nDE;Germany\nIT;Italy\n").header(), "a code of the column's length is data");
  }

  @Test
  void laterLinesSettleWhatTheFirstOnesLeaveOpen() {
    // The first two lines split into 2 columns on ',' and on ';'; the later ones only on ';'.
    String file = "a,b;c\n1,2;3\n4;5\n6;7,8\n9;10\n";
    CsvDialect dialect = sniff(file);
    assertEquals(';', dialect.separator());
    assertEquals(2, dialect.columns());
  }

  @Test
  void ambiguousThroughoutNamesTheCandidates() {
    String file = "a,b;c\n1,2;3\n4,5;6\n";
    CsvDialect.SniffException e = assertThrows(CsvDialect.SniffException.class, () -> sniff(file));
    assertTrue(e.getMessage().contains("ambiguous"), e.getMessage());
    assertTrue(e.getMessage().contains("',' gives 2 columns") && e.getMessage().contains("';' gives 2 columns"),
        e.getMessage());
  }

  @Test
  void noSeparatorFitsNamesWhatWasTried() {
    CsvDialect.SniffException e = assertThrows(CsvDialect.SniffException.class,
        () -> sniff("just one column\nof text\nper line\n"));
    assertTrue(e.getMessage().contains("could not detect the CSV separator"), e.getMessage());
    for (String shown : new String[] {"','", "';'", "'\\t'", "'|'"}) {
      assertTrue(e.getMessage().contains(shown + ": 1 columns on 3 of 3 lines"), e.getMessage());
    }
    assertThrows(CsvDialect.SniffException.class, () -> sniff(""));
  }

  @Test
  void aFewMalformedLinesDoNotHideTheDialect() {
    StringBuilder file = new StringBuilder("id,name,amount\n");
    for (int i = 0; i < 30; i++) {
      file.append(i).append(",n").append(i).append(',').append(i * 10).append('\n');
    }
    file.append("broken line without separators\n");
    file.append("1,2\n");
    CsvDialect dialect = sniff(file.toString());
    assertEquals(',', dialect.separator());
    assertEquals(3, dialect.columns());
    assertEquals(33, dialect.records());
    // With every line required to agree, the same sample has no fitting separator.
    assertThrows(CsvDialect.SniffException.class, () -> CsvDialect.sniff(file.toString(), false, 100, 1.0));
  }

  @Test
  void aTruncatedSampleDropsItsPartialLastRecordAndReadsAtMostTheLimit() {
    String file = "a;b;c\n1;2;3\n4;5;6\n7;8";
    assertEquals(3, CsvDialect.sniff(file, true, 100, 1.0).records());
    // Whole, the short last line counts and one line in four disagrees.
    assertEquals(4, CsvDialect.sniff(file, false, 100, 0.75).records());
    assertThrows(CsvDialect.SniffException.class, () -> CsvDialect.sniff(file, false, 100, 0.9));
    assertEquals(2, CsvDialect.sniff(file, false, 2, 1.0).records());
  }

  @Test
  void readerOptionsKeepWhatTheMappingGivesAndFillWhatItLeavesToDetection() {
    Map<String, String> options = Map.of("Sep", "auto", "header", "auto", "escape", "\\", "mode", "PERMISSIVE");
    assertTrue(CsvDialect.wanted(options));
    assertFalse(CsvDialect.wanted(Map.of("sep", ";", "header", "true")));
    CsvDialect dialect = CsvDialect.sniff("a;b\n1;2\n3;4\n", false, options, 100, 0.9);
    assertEquals(Map.of("sep", ";", "quote", "\"", "escape", "\\", "header", "true", "mode", "PERMISSIVE"),
        dialect.resolve(options));
    assertEquals(Map.of("escape", "\\", "header", "true", "mode", "PERMISSIVE"), CsvDialect.withoutDetection(options));
    // A separator given: only the header is detected, and a sample it does not split is refused.
    Map<String, String> headerOnly = Map.of("sep", "|", "header", "auto");
    assertFalse(CsvDialect.sniff("1|2\n3|4\n5|6\n", false, headerOnly, 100, 0.9).header());
    assertEquals(Map.of("sep", "|", "quote", "\"", "escape", "\"", "header", "false"),
        CsvDialect.sniff("1|2\n3|4\n5|6\n", false, headerOnly, 100, 0.9).resolve(headerOnly));
    assertThrows(CsvDialect.SniffException.class, () -> CsvDialect.sniff("a,b\n1,2\n", false, headerOnly, 100, 0.9));
  }
}
