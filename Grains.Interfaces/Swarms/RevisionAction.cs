namespace Orleans.Betting.Swarms;

/// <summary>What a voter did with a vote in the second round.</summary>
public enum RevisionAction
{
    /// <summary>The vote stands as cast.</summary>
    Kept,

    /// <summary>The probability (and so the edge and confidence) moved toward the sharp price.</summary>
    Revised,

    /// <summary>No edge left after revising: the vote is taken back.</summary>
    Withdrawn,
}
