package com.ezscale.billing.reports.pdf;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.io.Serial;
import java.math.BigDecimal;
import java.time.LocalDate;
import net.sf.jasperreports.engine.JasperReportsContext;
import net.sf.jasperreports.renderers.AbstractRenderer;
import net.sf.jasperreports.renderers.Graphics2DRenderable;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The month of a 95th-percentile line on paper: the 5-minute rate in and out (Mbit/s, by day of
 * the period), with the billed 95th percentile and the commit drawn across it. Drawn by JFreeChart
 * into the PDF as vectors (no bitmap), so it prints sharp and renders the same bytes every time.
 */
public final class UsageChart extends AbstractRenderer implements Graphics2DRenderable {

    @Serial
    private static final long serialVersionUID = 1L;

    private static final Font FONT = new Font("DejaVu Sans", Font.PLAIN, 7);

    private final LocalDate periodStart;
    private final double[] inMbps;
    private final double[] outMbps;
    private final double p95Mbps;
    private final Double commitMbps;
    private final String p95Label;

    /**
     * @param inMbps the rate in per 5-minute bucket from {@code periodStart}, one entry per bucket
     * @param p95Label what the 95th-percentile line is called (e.g. "95th percentile (max of in and out)")
     */
    public UsageChart(
            LocalDate periodStart,
            double[] inMbps,
            double[] outMbps,
            BigDecimal p95Mbps,
            BigDecimal commitMbps,
            String p95Label) {
        this.periodStart = periodStart;
        this.inMbps = inMbps.clone();
        this.outMbps = outMbps.clone();
        this.p95Mbps = p95Mbps.doubleValue();
        this.commitMbps = commitMbps == null ? null : commitMbps.doubleValue();
        this.p95Label = p95Label;
    }

    @Override
    public void render(JasperReportsContext context, Graphics2D g, Rectangle2D area) {
        chart().draw(g, area);
    }

    JFreeChart chart() {
        // a point per bucket would print 8,640 of them per direction: the hour's highest of its 12 buckets keeps every
        // peak
        XYSeries in = series("in (highest 5-minute rate of each hour)", inMbps);
        XYSeries out = series("out (the same)", outMbps);
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(in);
        data.addSeries(out);
        NumberAxis days = new NumberAxis("day of the period from " + periodStart);
        days.setRange(0, Math.max(1, inMbps.length / 288.0));
        days.setTickLabelFont(FONT);
        days.setLabelFont(FONT);
        NumberAxis mbps = new NumberAxis("Mbit/s");
        mbps.setTickLabelFont(FONT);
        mbps.setLabelFont(FONT);
        mbps.setAutoRangeIncludesZero(true);
        double top = Math.max(p95Mbps, commitMbps == null ? 0 : commitMbps);
        for (double v : inMbps) {
            top = Math.max(top, v);
        }
        for (double v : outMbps) {
            top = Math.max(top, v);
        }
        mbps.setRange(0, top <= 0 ? 1 : top * 1.1);
        XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, false);
        lines.setSeriesPaint(0, new Color(0x2F6DB5));
        lines.setSeriesPaint(1, new Color(0x3A9A5B));
        lines.setSeriesStroke(0, new BasicStroke(0.6f));
        lines.setSeriesStroke(1, new BasicStroke(0.6f));
        XYPlot plot = new XYPlot(data, days, mbps, lines);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xDDDDDD));
        plot.setRangeGridlinePaint(new Color(0xDDDDDD));
        plot.addRangeMarker(marker(p95Mbps, new Color(0xC0392B), String.format("%s %.2f Mbit/s", p95Label, p95Mbps)));
        if (commitMbps != null) {
            plot.addRangeMarker(
                    marker(commitMbps, new Color(0x7F7F7F), String.format("commit %.2f Mbit/s", commitMbps)));
        }
        JFreeChart chart = new JFreeChart(null, FONT, plot, true);
        chart.getLegend().setItemFont(FONT);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(false);
        chart.setTextAntiAlias(false);
        return chart;
    }

    private static XYSeries series(String name, double[] mbps) {
        XYSeries s = new XYSeries(name, false, true);
        for (int hour = 0; hour * 12 < mbps.length; hour++) {
            double max = 0;
            for (int b = hour * 12; b < Math.min(mbps.length, hour * 12 + 12); b++) {
                max = Math.max(max, mbps[b]);
            }
            s.add(hour / 24.0, max);
        }
        return s;
    }

    private static ValueMarker marker(double value, Color color, String label) {
        ValueMarker m = new ValueMarker(value, color, new BasicStroke(1.0f));
        m.setLabel(label);
        m.setLabelFont(FONT);
        m.setLabelPaint(color);
        m.setLabelBackgroundColor(new Color(255, 255, 255, 200));
        m.setLabelAnchor(RectangleAnchor.TOP_LEFT);
        m.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
        return m;
    }
}
