using Orleans.Betting.Agents;
using Orleans.Betting.Configuration;
using Orleans.Betting.Quant;

namespace Orleans.Betting.Market;

/// <summary>Which market the agents and the main job trade (<c>Betting:Market</c>).</summary>
public sealed class MarketOptions : IValidatedOptions
{
    public const string Section = "Betting:Market";

    /// <summary>
    /// <c>live</c> (the agents trade the live odds feed, forever, learning from <see cref="History"/>), or a
    /// replay: <c>synthetic</c> (seeded, optionally with a planted edge) or <c>import</c> (seasons in the market store).
    /// </summary>
    public string Source { get; set; } = "synthetic";

    /// <summary>Live only: where the history learned from comes from — <c>synthetic</c> (the seasons the Embedded simulator continues) or <c>import</c>.</summary>
    public string History { get; set; } = "synthetic";

    public int Seed { get; set; } = 7;

    /// <summary>The synthetic market's planted edge: <c>stale-book</c>, <c>value-book:edge=0.04,share=0.15</c> or <c>none</c>.</summary>
    public string Plant { get; set; } = "stale-book";

    /// <summary>Seasons, as a list or a range (<c>2015-2016..2022-2023</c>).</summary>
    public string Seasons { get; set; } = "2015-2016..2022-2023";

    /// <summary>Synthetic: how many leagues; import: the league codes (<c>E0,D1</c>).</summary>
    public string Leagues { get; set; } = "1";

    /// <summary>
    /// The value of <see cref="Leagues"/> and <see cref="Seasons"/> that means "whatever is imported": a live
    /// market with an imported history learns from every league holding at least 3 imported seasons (and
    /// trades the odds API sports of those leagues), so an API key and `data import` are all it needs.
    /// </summary>
    public const string AllImported = "imported";

    /// <summary>The main job's football-data CSV folder (the one-shot swarm run instead of the agents).</summary>
    public string? ImportDir { get; set; }

    /// <summary>The source (valid options only: the validator ran at start, naming the key of a bad value).</summary>
    public MarketSource SourceKind => MarketSourceNames.TryParse(Source, out var source) ? source : MarketSource.Synthetic;

    public bool IsLive => SourceKind == MarketSource.Live;

    /// <summary>The history's source: the replayed source itself, or live's <see cref="History"/>.</summary>
    public MarketSource HistorySource =>
        IsLive ? (MarketSourceNames.TryParse(History, out var history) ? history : MarketSource.Synthetic) : SourceKind;

    /// <summary>The market the agents replay, or the history a live market learns from (valid options only: the validator ran at start).</summary>
    public MarketSettings ToSettings()
    {
        IReadOnlyList<string> seasons = [];
        if (!IsAllImported(Seasons))
        {
            SeasonName.TryExpand(Seasons, out var expanded, out _);
            seasons = expanded;
        }

        return HistorySource == MarketSource.Synthetic
            ? new MarketSettings(
                MarketSource.Synthetic,
                Seed,
                Plant,
                [],
                seasons,
                int.Parse(Leagues.Trim(), System.Globalization.CultureInfo.InvariantCulture)
            )
            : new MarketSettings(
                MarketSource.Import,
                0,
                "none",
                IsAllImported(Leagues) ? [] : Leagues.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                seasons
            );
    }

    /// <summary>Whether a list setting says "whatever is imported" (<see cref="AllImported"/>).</summary>
    public static bool IsAllImported(string? value) => string.Equals(value?.Trim(), AllImported, StringComparison.OrdinalIgnoreCase);

    public void Validate(OptionsProblems problems)
    {
        var importedSeasons = IsAllImported(Seasons);
        string? why = null;
        problems
            .Require(importedSeasons || SeasonName.TryExpand(Seasons, out _, out why), nameof(Seasons), Seasons, why ?? "")
            .Require(
                MarketSourceNames.TryParse(Source, out _),
                nameof(Source),
                Source,
                "'live' (trade the live odds feed) or a replay of a 'synthetic' or 'import' market"
            );
        if (IsLive && !(MarketSourceNames.TryParse(History, out var history) && history is MarketSource.Synthetic or MarketSource.Import))
        {
            problems.Add(nameof(History), History, "a live market learns from a 'synthetic' or an 'import' history");
            return; // what else a history needs depends on which it is
        }

        if (HistorySource == MarketSource.Synthetic)
        {
            problems.Require(
                int.TryParse(
                    Leagues.Trim(),
                    System.Globalization.NumberStyles.None,
                    System.Globalization.CultureInfo.InvariantCulture,
                    out var n
                )
                    && n >= 1,
                nameof(Leagues),
                Leagues,
                "a synthetic market needs a number of leagues (1 or more)"
            );
            try
            {
                SimulationOptions.ParsePlant(Plant);
            }
            catch (QuantException e)
            {
                problems.Add(nameof(Plant), Plant, e.Message);
            }
        }
        else if (HistorySource == MarketSource.Import)
        {
            if ((IsAllImported(Leagues) || importedSeasons) && !IsLive)
            {
                problems.Add(
                    IsAllImported(Leagues) ? nameof(Leagues) : nameof(Seasons),
                    AllImported,
                    "a replay names its leagues and seasons ('imported' is for a live market's history)"
                );
            }

            problems.Require(
                Leagues.Split(',', StringSplitOptions.RemoveEmptyEntries).Length > 0,
                nameof(Leagues),
                Leagues,
                "name the league codes to trade (e.g. E0,D1)"
            );
        }
    }
}
