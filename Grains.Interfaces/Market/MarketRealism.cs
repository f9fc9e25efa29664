namespace Orleans.Betting.Market;

/// <summary>
/// How a synthetic market's prices move. <see cref="Classic"/>: every book's opening and closing
/// beliefs are independent draws around the truth (the tests' long-standing market).
/// <see cref="Calibrated"/>: the opening market shares one error that the close corrects, sized so
/// that Pinnacle's opening-to-closing movement and the CLV spread of a best-price rule match the
/// shared real leagues within ±30 % (the `market-realism` benchmark): what power figures are
/// measured on.
/// </summary>
public enum MarketRealism
{
    Classic = 0,
    Calibrated = 1,
}
