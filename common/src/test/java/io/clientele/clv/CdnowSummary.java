package io.clientele.clv;

import io.clientele.testing.ProjectData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;

/** The published CDNOW calibration summary (ID, x, t_x, T, zbar), as columns. */
final class CdnowSummary {
  final double[] x;
  final double[] tx;
  final double[] t;
  final double[] zbar;

  private CdnowSummary(int n) {
    x = new double[n];
    tx = new double[n];
    t = new double[n];
    zbar = new double[n];
  }

  static CdnowSummary load() {
    try {
      List<String> lines = Files.readAllLines(ProjectData.file("cdnow/cdnow_customers_summary_with_transactions.csv"));
      CdnowSummary s = new CdnowSummary(lines.size() - 1);
      for (int i = 1; i < lines.size(); i++) {
        String[] f = lines.get(i).split(",");
        s.x[i - 1] = Double.parseDouble(f[1]);
        s.tx[i - 1] = Double.parseDouble(f[2]);
        s.t[i - 1] = Double.parseDouble(f[3]);
        s.zbar[i - 1] = Double.parseDouble(f[4]);
      }
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  WeightedData bgNbd() {
    double[] w = new double[x.length];
    java.util.Arrays.fill(w, 1);
    return WeightedData.local(new double[][] {x.clone(), tx.clone(), t.clone(), w});
  }

  WeightedData gammaGamma() {
    int n = 0;
    for (double v : x) {
      n += v > 0 ? 1 : 0;
    }
    double[][] cols = new double[3][n];
    int j = 0;
    for (int i = 0; i < x.length; i++) {
      if (x[i] > 0) {
        cols[0][j] = x[i];
        cols[1][j] = zbar[i];
        cols[2][j] = 1;
        j++;
      }
    }
    return WeightedData.local(cols);
  }
}
