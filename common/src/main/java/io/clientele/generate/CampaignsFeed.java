package io.clientele.generate;

import io.clientele.generate.CustomerLife.Contact;
import io.clientele.ingest.Feed;
import java.util.SplittableRandom;

/** Campaign contacts: one record per customer contacted by a campaign, with the answer if any. */
final class CampaignsFeed extends FeedRenderer {
  private static final long serialVersionUID = 1L;
  private static final Feed FEED = Feed.CAMPAIGNS;
  private static final int CONTACT_ID = column(FEED, "contact_id");
  private static final int CAMPAIGN_ID = column(FEED, "campaign_id");
  private static final int CUSTOMER_ID = column(FEED, "customer_id");
  private static final int CONTACT_DATE = column(FEED, "contact_date");
  private static final int CHANNEL = column(FEED, "channel");
  private static final int OFFER = column(FEED, "offer");
  private static final int COST = column(FEED, "cost");
  private static final int RESPONDED = column(FEED, "responded");
  private static final int RESPONSE_DATE = column(FEED, "response_date");
  private static final int RESPONSE_AMOUNT = column(FEED, "response_amount");

  @Override
  Feed feed() {
    return FEED;
  }

  @Override
  long stream() {
    return Simulation.STREAM_CAMPAIGNS;
  }

  @Override
  void render(CustomerLife c, SplittableRandom r, Simulation sim, Clock clock, Records out) {
    for (Contact x : c.contacts) {
      String[] f = out.begin();
      f[CONTACT_ID] = "K" + String.format("%02d", x.campaign + 1) + "-" + c.digits;
      f[CAMPAIGN_ID] = Simulation.campaignId(x.campaign);
      f[CUSTOMER_ID] = c.id;
      f[CONTACT_DATE] = clock.date(x.day);
      f[CHANNEL] = Catalog.CONTACT_CHANNELS[x.channel];
      f[OFFER] = sim.campaignOffer[x.campaign];
      f[COST] = Catalog.CONTACT_COSTS[x.channel];
      f[RESPONDED] = x.responded ? "true" : "false";
      f[RESPONSE_DATE] = x.responded ? clock.date(x.responseDay) : "";
      f[RESPONSE_AMOUNT] = x.responded ? Clock.money(x.responseAmount) : "";
      out.emit();
    }
  }

  @Override
  void corrupt(Dirt.Kind kind, String[] f, SplittableRandom r) {
    switch (kind) {
      case MISSING_ID:
        f[CUSTOMER_ID] = "";
        break;
      case IMPOSSIBLE_DATE:
        f[CONTACT_DATE] = Dirt.impossibleDate(f[CONTACT_DATE], r);
        break;
      case UNKNOWN_ENUM:
        f[CHANNEL] = Dirt.UNKNOWN_CONTACT_CHANNEL;
        break;
      case FORMAT:
        if (r.nextBoolean()) {
          f[CHANNEL] = Dirt.oddCase(f[CHANNEL], r);
        } else {
          f[CONTACT_DATE] = Dirt.otherDateLayout(f[CONTACT_DATE]);
        }
        break;
      default:
        throw new IllegalArgumentException("Cannot corrupt campaign contacts with " + kind);
    }
  }
}
