using Microsoft.Extensions.Options;

namespace Orleans.Betting.Agents;

/// <summary>What every agent is given by its silo: the agents' options and the one clock.</summary>
public sealed class AgentContext(IOptions<AgentOptions> options, TimeProvider time)
{
    public AgentOptions Options => options.Value;

    public TimeProvider Time => time;
}
