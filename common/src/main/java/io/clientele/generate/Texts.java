package io.clientele.generate;

import java.util.SplittableRandom;

/**
 * Review and inquiry texts, in Chinese and English, written so that each consumer-psychology type (docs/domain.md §5)
 * is recognisable from its keywords: a type's sentences use its own keywords and no other type's, and the
 * neutral sentences use none. A text mentions the author's main type, sometimes also their second type, and
 * sometimes neither.
 */
final class Texts {
  private Texts() {}

  /** The eight psychology types, in this order everywhere. */
  static final String[] TYPES = {
    "practical", "beauty", "brand", "speed", "bargain", "conformity", "habit", "safety"
  };
  static final int PRACTICAL = 0;
  static final int BRAND = 2;
  static final int BARGAIN = 4;
  static final int HABIT = 6;
  static final double[] TYPE_WEIGHTS = Draws.cumulative(0.2, 0.15, 0.1, 0.12, 0.18, 0.1, 0.08, 0.07);

  static final int ENGLISH = 0;
  static final int CHINESE = 1;

  // [type][language][variant]
  private static final String[][][] REVIEWS = {
    {
      {"Good quality and it feels durable.", "The quality is solid, durable enough for daily use.", "Worth it for the quality."},
      {"质量很好，很耐用。", "做工扎实，质量没得说。", "用了一个月了，很耐用。"}
    },
    {
      {"Looks beautiful, very fashionable.", "The color is beautiful.", "So fashionable, I love the design."},
      {"颜色很好看，款式时尚。", "上身效果好看。", "很时尚，设计漂亮。"}
    },
    {
      {"A famous brand, worth the price.", "I trust this brand.", "Genuine famous brand product."},
      {"大品牌就是不一样。", "名牌，值得信赖。", "认准这个品牌。"}
    },
    {
      {"Fast delivery, arrived the next day.", "Quick shipping, very fast.", "The courier was quick."},
      {"快递很快，第二天就到了。", "发货很快。", "物流很快，快递小哥服务好。"}
    },
    {
      {"Great discount, really cheap.", "Used a coupon, got it cheap.", "Cheap price and a free gift."},
      {"有优惠，很便宜。", "用了优惠券，划算。", "价格便宜还送赠品。"}
    },
    {
      {"Everyone is buying it, a real best-seller.", "Bought it because it is popular.", "So popular, everyone at work has one."},
      {"爆款，大家都在买。", "大家都说好，跟着买了。", "网红爆款。"}
    },
    {
      {"Bought it again as before.", "As before, my usual choice.", "Been using this one for years, as before."},
      {"老样子，一直用这个。", "一直用这款，又回购了。", "还是老样子。"}
    },
    {
      {"Safe materials, very comfortable.", "Healthy and safe for my kids.", "Comfortable to wear all day."},
      {"材质安全，穿着舒适。", "健康环保，用着安心。", "很舒适，孩子用也安全。"}
    },
  };
  private static final String[][][] INQUIRIES = {
    {{"How is the quality? Is it durable?", "Is this durable enough for daily use?"}, {"质量怎么样？耐用吗？", "这个耐用吗？"}},
    {{"Is this style still fashionable this season?", "Does the color look as beautiful as in the photos?"}, {"这款好看吗？", "这个颜色时尚吗？"}},
    {{"Is this the genuine brand product?", "Which famous brand makes this?"}, {"是品牌正品吗？", "这是名牌吗？"}},
    {{"How fast is delivery to my city?", "Can you ship it quick?"}, {"快递几天能到？", "能发快递加急吗？"}},
    {{"Is there a coupon or discount?", "Any discount if I buy two?"}, {"有优惠券吗？", "能便宜点吗？"}},
    {{"Is this the best-seller everyone talks about?", "Is this popular?"}, {"这是爆款吗？", "大家都买的是哪款？"}},
    {{"Is it the same as before?", "Will the new batch be as before?"}, {"还是老样子吗？", "我一直用这款，还有货吗？"}},
    {{"Is the material safe and healthy?", "Is it comfortable for sensitive skin?"}, {"材料安全吗？", "穿着舒适吗？对身体健康吗？"}},
  };
  private static final String[][] NEUTRAL_REVIEWS = {
    {"Received it, thanks.", "As described.", "Okay overall.", "Five stars."},
    {"收到了，谢谢。", "和描述一致。", "还行吧。", "五星。"}
  };
  private static final String[][] NEUTRAL_INQUIRIES = {
    {"What sizes are available?", "Do you have other colors?", "When will it be back in stock?"},
    {"有其他颜色吗？", "什么时候补货？", "有大一号的吗？"}
  };

  /** Share of texts that carry no psychology keyword at all. */
  static final double NEUTRAL_SHARE = 0.15;
  /** Share of texts by a customer with a second type that mention it too. */
  static final double SECOND_TYPE_MENTION = 0.5;

  static String review(SplittableRandom r, int type, int secondType, int language) {
    return compose(r, REVIEWS, NEUTRAL_REVIEWS, type, secondType, language);
  }

  static String inquiry(SplittableRandom r, int type, int secondType, int language) {
    return compose(r, INQUIRIES, NEUTRAL_INQUIRIES, type, secondType, language);
  }

  private static String compose(
      SplittableRandom r, String[][][] typed, String[][] neutral, int type, int secondType, int language) {
    if (r.nextDouble() < NEUTRAL_SHARE) {
      return Draws.pick(r, neutral[language]);
    }
    String text = Draws.pick(r, typed[type][language]);
    if (secondType >= 0 && r.nextDouble() < SECOND_TYPE_MENTION) {
      String second = Draws.pick(r, typed[secondType][language]);
      text = language == ENGLISH ? text + " " + second : text + second;
    }
    return text;
  }
}
