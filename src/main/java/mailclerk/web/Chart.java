package mailclerk.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The dashboard's chart, laid out on the server as SVG coordinates (the console's Content-Security-Policy allows no
 * script): one bar per day for the clerks' load (messages sent to them), and a line for the share answered
 * automatically (0 to 100 %, right-hand scale). Days without mail leave a gap in the line.
 */
public record Chart(int width, int height, List<Bar> bars, List<String> lines, List<Point> points, int maxLoad,
                    List<Label> labels, List<Dashboard.Day> days) {
    public record Bar(double x, double y, double w, double h, String title) {
    }

    public record Point(double x, double y, String title) {
    }

    public record Label(double x, double y, String text) {
    }

    static final int W = 760;
    static final int H = 260;
    static final int LEFT = 40;
    static final int RIGHT = 50;
    static final int TOP = 15;
    static final int BOTTOM = 30;

    public static Chart of(List<Dashboard.Day> days) {
        int n = Math.max(1, days.size());
        double plotW = W - LEFT - RIGHT;
        double plotH = H - TOP - BOTTOM;
        double slot = plotW / n;
        int max = Math.max(1, days.stream().mapToInt(Dashboard.Day::sentToClerks).max().orElse(1));
        List<Bar> bars = new ArrayList<>();
        List<Point> points = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        List<Label> labels = new ArrayList<>();
        for (int i = 0; i < days.size(); i++) {
            Dashboard.Day d = days.get(i);
            double x = LEFT + i * slot;
            double h = plotH * d.sentToClerks() / max;
            bars.add(new Bar(r(x + slot * 0.15), r(TOP + plotH - h), r(slot * 0.7), r(h),
                    d.day() + ": " + d.sentToClerks() + " sent to clerks, " + d.answeredByClerks() + " answered by clerks"));
            if (Double.isNaN(d.automaticRate())) {
                if (line.length() > 0) lines.add(line.toString());
                line.setLength(0);
            } else {
                double px = r(x + slot / 2);
                double py = r(TOP + plotH * (1 - d.automaticRate()));
                if (line.length() > 0) line.append(' ');
                line.append(fmt(px)).append(',').append(fmt(py));
                points.add(new Point(px, py, d.day() + ": " + Math.round(d.automaticRate() * 100) + " % answered automatically ("
                        + d.answeredAutomatically() + " of " + d.received() + ")"));
            }
            // a date every week and the last day, never two labels on top of each other
            if ((i % 7 == 0 && days.size() - 1 - i >= 4) || i == days.size() - 1) labels.add(new Label(r(x + slot / 2), H - 10, d.day().toString().substring(5)));
        }
        if (line.length() > 0) lines.add(line.toString());
        labels.add(new Label(LEFT - 6, TOP + 4, Integer.toString(max)));
        labels.add(new Label(LEFT - 6, TOP + plotH, "0"));
        labels.add(new Label(W - RIGHT + 26, TOP + 4, "100 %"));
        labels.add(new Label(W - RIGHT + 26, TOP + plotH, "0 %"));
        return new Chart(W, H, bars, lines, points, max, labels, List.copyOf(days));
    }

    public String viewBox() {
        return "0 0 " + width + " " + height;
    }

    public int plotLeft() {
        return LEFT;
    }

    public int plotRight() {
        return W - RIGHT;
    }

    public int plotTop() {
        return TOP;
    }

    public int plotBottom() {
        return H - BOTTOM;
    }

    private static double r(double v) {
        return Math.round(v * 10) / 10.0;
    }

    public static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
