namespace Orleans.Betting.Client.Commands;

public sealed record GrainTypeActivations(string Type, int Activations, int Silos);
