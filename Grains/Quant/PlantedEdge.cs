namespace Orleans.Betting.Quant;

/// <summary>Known inefficiencies the simulator can plant (None = the edge-free control).</summary>
public enum PlantedEdge
{
    None,
    StaleBook,
    ValueBook,
}
