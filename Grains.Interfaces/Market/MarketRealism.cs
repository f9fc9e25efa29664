namespace Orleans.Betting.Market;

/// <summary>
/// How a synthetic market's prices move. <see cref="Classic"/>: every book's opening and closing
/// beliefs are independent draws around the truth (the tests' long-standing market).
/// <see cref="Calibrated"/>: the opening market shares one error that the close corrects, sized so
/// that Pinnacle's opening-to-closing movement matches the shared real leagues within ±30 % (the
/// `market-realism` benchmark); every price is still capped at fair value, which keeps it edge-free
/// and truncates the best-price rule's CLV spread to about 0.4 of the real one.
/// <see cref="Uncapped"/>: calibrated, and no book's price is capped at the true fair odds, so books
/// err both ways and the best of several prices can beat fair value, as real best prices do (the
/// real best-price rule's CLV spread needs it). Edge-free it is not: selecting the best price earns
/// a real expected value, so a deployment on it is false only when its true expected return is not
/// positive (the `swarm-power` benchmark reads each deployment's true expected return).
/// </summary>
public enum MarketRealism
{
    Classic = 0,
    Calibrated = 1,
    Uncapped = 2,
}
