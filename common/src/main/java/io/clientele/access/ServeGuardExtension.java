package io.clientele.access;

import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.SparkSessionExtensions;
import org.apache.spark.sql.catalyst.parser.ParserInterface;
import scala.runtime.AbstractFunction1;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * The Spark session extension (in {@code spark.sql.extensions} of every Clientele session) that puts the
 * endpoint's check in front of the SQL parser: {@link GuardedParser}. It does nothing in a session that is not
 * served to a BI user.
 */
public final class ServeGuardExtension extends AbstractFunction1<SparkSessionExtensions, BoxedUnit> {
  @Override
  public BoxedUnit apply(SparkSessionExtensions extensions) {
    extensions.injectParser(new AbstractFunction2<SparkSession, ParserInterface, ParserInterface>() {
      @Override
      public ParserInterface apply(SparkSession session, ParserInterface delegate) {
        return new GuardedParser(session, delegate);
      }
    });
    return BoxedUnit.UNIT;
  }
}
