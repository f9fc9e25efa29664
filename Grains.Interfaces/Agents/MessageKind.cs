namespace Orleans.Betting.Agents;

public enum MessageKind
{
    Event,
    Request,
    Response,
    Ack,
}
