package io.clientele.generate;

/**
 * The simulated retailer's world: products, places, channels and the vocabularies of the feeds. Values that
 * ingestion checks against {@link io.clientele.ingest.Feed}'s enum lists are written exactly as listed there.
 */
final class Catalog {
  private Catalog() {}

  // ---- products ----------------------------------------------------------------------------------------
  static final String[] CATEGORIES = {"apparel", "shoes", "beauty", "electronics", "home", "food", "sports", "kids"};
  static final double[] CATEGORY_WEIGHTS = Draws.cumulative(0.22, 0.12, 0.15, 0.10, 0.12, 0.12, 0.09, 0.08);
  private static final String[] CATEGORY_CODES = {"APP", "SHO", "BEA", "ELE", "HOM", "FOO", "SPO", "KID"};
  /** Floor of each category's department in the stores; floor-2 departments make visitors go upstairs. */
  static final int[] CATEGORY_FLOOR = {2, 2, 1, 1, 2, 1, 2, 2};
  /** Try-on (clothes, shoes, sports wear) or trial (cosmetics, devices, home goods) at the department. */
  static final String[] CATEGORY_TRY = {"try_on", "try_on", "trial", "trial", "trial", null, "try_on", "try_on"};
  static final String[][] BRANDS = {
    {"Urban Loom", "Qingyi", "Northline", "Mori"},
    {"Stride", "Feiyue Lab", "Trailmark", "Pace"},
    {"Lumiere", "Huaxi", "Purebloom", "Glowa"},
    {"Voltix", "Xinpin", "Orbit", "Nanotech"},
    {"Hearth", "Jiayuan", "Nestly", "Oakline"},
    {"Harvest", "Xiangwei", "Goldgrain", "Teahouse"},
    {"Summit", "Yundong", "Peakform", "Kinetic"},
    {"Tinytots", "Xiaoxiong", "Playnest", "Sprout"},
  };
  static final int BRANDS_PER_CATEGORY = 4;
  static final int SKUS_PER_CATEGORY = 60;
  /** SKU ids by category and index; the brand of SKU i is {@code BRANDS[category][i % BRANDS_PER_CATEGORY]}. */
  static final String[][] SKUS = skus();

  static String brandOf(int category, int sku) {
    return BRANDS[category][sku % BRANDS_PER_CATEGORY];
  }

  private static String[][] skus() {
    String[][] skus = new String[CATEGORIES.length][SKUS_PER_CATEGORY];
    for (int c = 0; c < CATEGORIES.length; c++) {
      for (int i = 0; i < SKUS_PER_CATEGORY; i++) {
        skus[c][i] = CATEGORY_CODES[c] + "-" + String.format("%04d", 100 + i);
      }
    }
    return skus;
  }

  /** Line discounts (fractions of the list price) as written in the feed. */
  static final double[] DISCOUNTS = {0.05, 0.1, 0.15, 0.2, 0.3, 0.5};
  static final double[] DISCOUNT_WEIGHTS = Draws.cumulative(0.15, 0.3, 0.2, 0.2, 0.1, 0.05);
  static final String[] COUPONS = {"NEW10", "SAVE15", "VIP20", "FEST30"};
  static final double[] COUPON_RATES = {0.1, 0.15, 0.2, 0.3};

  // ---- channels and payments ---------------------------------------------------------------------------
  static final String[] ONLINE_PAYMENTS = {"alipay", "wechat_pay", "credit_card", "cash_on_delivery"};
  static final double[] ONLINE_PAYMENT_WEIGHTS = Draws.cumulative(0.45, 0.4, 0.1, 0.05);
  static final String[] STORE_PAYMENTS = {"wechat_pay", "alipay", "bank_card", "cash"};
  static final double[] STORE_PAYMENT_WEIGHTS = Draws.cumulative(0.4, 0.3, 0.2, 0.1);
  static final String[] DEVICES = {"mobile", "desktop", "tablet"};
  static final double[] DEVICE_WEIGHTS = Draws.cumulative(0.65, 0.28, 0.07);
  static final String[] REFERRERS = {"direct", "search", "wechat", "weibo", "douyin", "email", "ad"};
  static final double[] REFERRER_WEIGHTS = Draws.cumulative(0.3, 0.25, 0.15, 0.07, 0.1, 0.05, 0.08);
  static final String[] CONTACT_CHANNELS = {"sms", "email", "app_push", "coupon"};
  /** Cost of one contact by channel (coupons carry their face value). */
  static final String[] CONTACT_COSTS = {"0.06", "0.02", "0.01", "1.50"};
  static final String[] OFFERS = {
    "10% off sitewide", "满200减30", "double points", "free gift with purchase", "members day 20% off",
    "new arrivals preview"
  };

  // ---- places ------------------------------------------------------------------------------------------
  static final String[] REGIONS = {
    "East China", "South China", "North China", "Central China", "Southwest China", "Northeast China",
    "Northwest China"
  };
  static final double[] REGION_WEIGHTS = Draws.cumulative(0.32, 0.2, 0.17, 0.11, 0.1, 0.06, 0.04);
  static final String[][] CITIES = {
    {"Shanghai", "Hangzhou", "Nanjing", "Suzhou"},
    {"Guangzhou", "Shenzhen", "Xiamen"},
    {"Beijing", "Tianjin", "Shijiazhuang"},
    {"Wuhan", "Changsha", "Zhengzhou"},
    {"Chengdu", "Chongqing", "Kunming"},
    {"Shenyang", "Harbin", "Dalian"},
    {"Xi'an", "Lanzhou"},
  };
  static final String[][] CITIES_ZH = {
    {"上海", "杭州", "南京", "苏州"},
    {"广州", "深圳", "厦门"},
    {"北京", "天津", "石家庄"},
    {"武汉", "长沙", "郑州"},
    {"成都", "重庆", "昆明"},
    {"沈阳", "哈尔滨", "大连"},
    {"西安", "兰州"},
  };
  /** Within a region the first city is the largest. */
  static final double[][] CITY_WEIGHTS = {
    Draws.cumulative(0.4, 0.25, 0.2, 0.15),
    Draws.cumulative(0.45, 0.4, 0.15),
    Draws.cumulative(0.6, 0.25, 0.15),
    Draws.cumulative(0.5, 0.3, 0.2),
    Draws.cumulative(0.45, 0.4, 0.15),
    Draws.cumulative(0.4, 0.35, 0.25),
    Draws.cumulative(0.7, 0.3),
  };
  /** Where stores open, in order: store S01 in the first site, S02 in the second, ... cycling. */
  private static final int[][] STORE_SITES = {
    {0, 0}, {2, 0}, {1, 0}, {0, 1}, {4, 0}, {3, 0}, {1, 1}, {0, 2}, {6, 0}, {5, 0}, {4, 1}, {3, 1}, {0, 3},
    {2, 1}, {1, 2}, {5, 1}
  };

  static String storeId(int store) {
    return String.format("S%02d", store + 1);
  }

  static int storeRegion(int store) {
    return STORE_SITES[store % STORE_SITES.length][0];
  }

  static int storeCity(int store) {
    return STORE_SITES[store % STORE_SITES.length][1];
  }

  /** The store a customer of this city shops at: one in the city, else in the region, else none (-1). */
  static int homeStore(int stores, int region, int city) {
    int inRegion = -1;
    for (int s = 0; s < stores; s++) {
      if (storeRegion(s) == region) {
        if (storeCity(s) == city) {
          return s;
        }
        if (inRegion < 0) {
          inRegion = s;
        }
      }
    }
    return inRegion;
  }

  // ---- time --------------------------------------------------------------------------------------------
  /** Online activity by hour: a lunch peak at 12 and the evening peak at 20-21. */
  static final double[] ONLINE_HOURS = Draws.cumulative(
      1.0, 0.5, 0.3, 0.2, 0.2, 0.3, 0.6, 1.2, 2.0, 3.0, 4.0, 5.5,
      7.0, 6.0, 4.5, 4.0, 4.0, 4.5, 5.5, 6.5, 7.5, 7.0, 4.5, 2.0);
  /** Store activity by hour: open 10:00-22:00, peaks at lunch and after work. */
  static final double[] STORE_HOURS = Draws.cumulative(
      0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3.0, 4.5,
      6.5, 5.5, 4.0, 3.5, 3.8, 4.5, 5.5, 6.5, 7.0, 5.0, 0, 0);
  /** Chance to keep an event on its weekday (Monday first); the others move to a nearby day. */
  static final double[] WEEKDAY_ACCEPT = {0.5, 0.5, 0.55, 0.6, 0.75, 1.0, 0.95};

  // ---- people ------------------------------------------------------------------------------------------
  static final String[] OCCUPATIONS = {
    "student", "engineer", "teacher", "doctor", "civil_servant", "sales", "manager", "worker", "freelancer",
    "retired"
  };
  static final double[] OCCUPATION_WEIGHTS = Draws.cumulative(0.1, 0.15, 0.08, 0.05, 0.08, 0.14, 0.1, 0.15, 0.1, 0.05);
  static final String[] EDUCATIONS = {"high_school", "college", "bachelor", "master", "doctorate"};
  static final double[] EDUCATION_WEIGHTS = Draws.cumulative(0.2, 0.28, 0.38, 0.11, 0.03);
  static final String[] ACQUISITION_CHANNELS = {"store", "app", "wechat", "search", "referral", "ad", "campaign"};
  static final double[] ACQUISITION_WEIGHTS = Draws.cumulative(0.25, 0.18, 0.2, 0.12, 0.1, 0.1, 0.05);
  static final String[] SOCIAL_PLATFORMS = {"app", "web", "wechat", "weibo", "douyin", "xiaohongshu"};

  static final String[] SURNAMES = {
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗"
  };
  static final String[] SURNAMES_PINYIN = {
    "wang", "li", "zhang", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou", "xu", "sun", "ma", "zhu", "hu",
    "guo", "he", "gao", "lin", "luo"
  };
  static final String[] GIVEN_MALE = {"伟", "强", "磊", "军", "洋", "勇", "杰", "涛", "明", "超", "刚", "浩", "宇", "鹏", "斌"};
  static final String[] GIVEN_FEMALE = {"芳", "娜", "敏", "静", "丽", "艳", "娟", "秀", "霞", "玲", "婷", "欣", "慧", "颖", "雪"};
  static final String[] FIRST_MALE = {
    "James", "John", "Robert", "Michael", "David", "William", "Richard", "Thomas", "Daniel", "Kevin"
  };
  static final String[] FIRST_FEMALE = {
    "Mary", "Linda", "Emma", "Olivia", "Sophia", "Grace", "Emily", "Anna", "Lucy", "Chloe"
  };
  static final String[] LAST_NAMES = {
    "Smith", "Johnson", "Brown", "Taylor", "Wilson", "Miller", "Davis", "Clark", "O'Neil", "Walker"
  };
  static final String[] NICKNAMES = {"Bobby", "Kiki", "Max", "Coco", "Ace"};
  static final String[] MAIL_DOMAINS = {"qq.com", "163.com", "126.com", "gmail.com", "outlook.com", "sina.com"};
  static final String[] DISTRICTS_ZH = {"中心区", "新城区", "高新区", "东城区", "西城区", "滨江区"};
  static final String[] ROADS_ZH = {"人民路", "解放路", "中山路", "建设路", "和平路", "长江路"};
  static final String[] DISTRICTS_EN = {"Central District", "New Town", "Hi-tech Zone", "East District", "West District", "Riverside"};
  static final String[] ROADS_EN = {"Renmin Road", "Jiefang Road", "Zhongshan Road", "Jianshe Road", "Heping Road", "Changjiang Road"};
  static final String[] PHONE_PREFIXES = {"138", "139", "136", "150", "151", "158", "186", "188", "177", "199"};
}
