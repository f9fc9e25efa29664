using Orleans.Betting.Ledger;

namespace Orleans.Betting.Client.Commands;

/// <summary>The paper ledger's equity curve as a PNG (ScottPlot).</summary>
public static class EquityChart
{
    public static void Save(LedgerReport report, string file, int width = 1000, int height = 500)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(file));
        if (directory is not null && !Directory.Exists(directory))
        {
            throw new Infrastructure.UsageException($"--png {file}: the folder {directory} does not exist");
        }

        var plot = new ScottPlot.Plot();
        if (report.Equity.Count > 0)
        {
            var xs = report.Equity.Select(e => e.AtUtc.ToOADate()).ToArray();
            var ys = report.Equity.Select(e => e.Bankroll).ToArray();
            var line = plot.Add.Scatter(xs, ys);
            line.LegendText = "bankroll";
            line.MarkerSize = 0;
            plot.Axes.DateTimeTicksBottom();
            var start = plot.Add.HorizontalLine(report.InitialBankroll);
            start.LinePattern = ScottPlot.LinePattern.Dashed;
            start.LegendText = "initial";
        }

        plot.Title($"Paper bankroll: {report.Settled} settled bets, ROI {report.Roi:P1}, max drawdown {report.MaxDrawdownShare:P1}");
        plot.YLabel("bankroll");
        plot.ShowLegend();
        plot.SavePng(file, width, height);
    }
}
