using Microsoft.Extensions.Logging;
using Orleans.Betting.Agents.Bus;
using Orleans.Streams;

namespace Orleans.Betting.Agents;

/// <summary>
/// An agent's end of the bus: its inbox stream and the broadcast topics, made durable by the persisted
/// outbox (resent with backoff until acknowledged, timed out at a request's deadline, dead-lettered past
/// the maximum age) and de-duplicated receipt; the history of what went in and out. It works on the
/// agent's record and lives in the agent's activation; what a message means is the agent's
/// (<c>handle</c>).
/// </summary>
internal sealed class AgentMailbox<TMemory>(
    IPersistentState<AgentRecord<TMemory>> record,
    string name,
    IStreamProvider streams,
    IAgentHands<TMemory> hands,
    AgentOptions options,
    ILogger logger,
    Func<BusBody, AgentMessage, Task<BusBody>> handle,
    Func<Task> onAnswer
)
    where TMemory : class, new()
{
    private const int MaxHistory = 500;

    /// <summary>Answers kept for steps that have not taken them yet; the oldest goes first.</summary>
    private const int MaxAnswers = 50;

    /// <summary>Publishes an event to every subscriber of the topic (fire and forget: topics carry news, not work).</summary>
    public async Task BroadcastAsync(string topic, BusBody body)
    {
        var message = AgentMessage.Carrying(name, "#" + topic, MessageKind.Event, body, hands.UtcNow, null);
        Remember(message, "out", "broadcast");
        try
        {
            await Topic(topic).OnNextAsync(message);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            AgentLog.BroadcastFailed(logger, e, name, body.Kind, topic);
        }
    }

    /// <summary>Persists the message in the outbox, then publishes it; it is resent on ticks until acknowledged.</summary>
    public async Task<string> PostAsync(string to, MessageKind kind, BusBody body, DateTime? deadline)
    {
        if (!AgentNames.All.Any(a => string.Equals(a.Name, to, StringComparison.Ordinal)))
        {
            // Nobody would ever acknowledge it: refused now, not resent for a day.
            throw new ArgumentException(
                $"no agent '{to}' to send '{body.Kind}' to: the agents are {string.Join(", ", AgentNames.All.Select(a => a.Name))}"
            );
        }

        var message = AgentMessage.Carrying(name, to, kind, body, hands.UtcNow, deadline);
        record.State.Outbox.Add(new OutboxEntry(message, hands.UtcNow));
        Remember(message, "out", "sent");
        if (kind == MessageKind.Request)
        {
            Count(to, body.Kind, requests: 1);
        }

        await record.WriteStateAsync();
        await PublishAsync(message);
        return message.Id;
    }

    public IAsyncStream<AgentMessage> Topic(string topic) =>
        streams.GetStream<AgentMessage>(StreamId.Create(AgentBus.TopicNamespace, topic));

    public IAsyncStream<AgentMessage> Inbox(string agent) =>
        streams.GetStream<AgentMessage>(StreamId.Create(AgentBus.InboxNamespace, agent));

    private async Task PublishAsync(AgentMessage message)
    {
        try
        {
            await Inbox(message.To).OnNextAsync(message);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Kept in the outbox: the next tick sends it again.
            AgentLog.PublishFailed(logger, e, name, message.Id, message.To);
        }
    }

    public async Task OnMessageAsync(AgentMessage message, StreamSequenceToken? token)
    {
        var s = record.State;
        if (message.To.StartsWith('#'))
        {
            // A topic's news: kept in the history and handled; nobody waits for an acknowledgement.
            Remember(message, "in", "received");
            await HandleOrRefuseAsync(message);
            await record.WriteStateAsync();
            return;
        }

        switch (message.Kind)
        {
            case MessageKind.Ack:
                if (s.Outbox.RemoveAll(o => o.Message.Id == message.CorrelationId) > 0)
                {
                    MarkHistory(message.CorrelationId!, "acked");
                    await record.WriteStateAsync();
                }

                return;
            case MessageKind.Response:
                Remember(message, "in", "answer");
                MarkHistory(message.CorrelationId!, "answered");
                var asked = s.Outbox.FirstOrDefault(o => o.Message.Id == message.CorrelationId);
                s.Outbox.RemoveAll(o => o.Message.Id == message.CorrelationId);
                if (asked is not null)
                {
                    // The first answer counts; a resent request's second answer finds nothing waiting.
                    Count(asked.Message.To, asked.Message.Subject, answered: 1);
                    s.Answers.Add(new ReceivedAnswer(message.CorrelationId!, message.ReadPayload(), hands.UtcNow));
                    if (s.Answers.Count > MaxAnswers)
                    {
                        s.Answers.RemoveRange(0, s.Answers.Count - MaxAnswers);
                    }
                }

                await record.WriteStateAsync();
                await Inbox(message.From).OnNextAsync(Reply(message, MessageKind.Ack, new Answer("")));
                if (asked is not null)
                {
                    await onAnswer(); // the step that asked goes on now, not at the next tick
                }

                return;
        }

        if (s.Processed.Contains(message.Id))
        {
            await Inbox(message.From).OnNextAsync(Reply(message, MessageKind.Ack, new Answer(""))); // a resend: acknowledge again
            return;
        }

        if (s.State != AgentState.Running)
        {
            return; // not acknowledged: the sender keeps it and sends it again later
        }

        Remember(message, "in", "received");
        var answer = await HandleOrRefuseAsync(message);
        s.Processed.Add(message.Id);
        s.ProcessedOrder.Enqueue(message.Id);
        while (s.ProcessedOrder.Count > MaxHistory * 4)
        {
            s.Processed.Remove(s.ProcessedOrder.Dequeue());
        }

        await record.WriteStateAsync();
        if (message.Kind == MessageKind.Request)
        {
            await Inbox(message.From).OnNextAsync(Reply(message, MessageKind.Response, answer));
        }
        else
        {
            await Inbox(message.From).OnNextAsync(Reply(message, MessageKind.Ack, new Answer("")));
        }
    }

    /// <summary>
    /// Handles a message, or dead-letters one whose body cannot be read (malformed JSON, a value out
    /// of range): logged with its sender and subject made safe, kept in the history as dead-lettered,
    /// counted, and acknowledged, so the sender stops resending it and the inbox moves on. Any other
    /// failure (storage, a peer away) is left to throw: unacknowledged, the message comes again.
    /// </summary>
    private async Task<BusBody> HandleOrRefuseAsync(AgentMessage message)
    {
        try
        {
            return await handle(message.ReadPayload(), message);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or FormatException or ArgumentException or InvalidDataException)
        {
            MarkHistory(message.Id, "dead-lettered", "in");
            Monitoring.BettingMetrics.AgentDeadLetters.Add(1, new KeyValuePair<string, object?>("agent", name));
            logger.LogWarning(
                "{Agent}: message {Id} from {From} ({Subject}) dead-lettered, its body could not be read: {Error}",
                name,
                Monitoring.LogText.Safe(message.Id),
                Monitoring.LogText.Safe(message.From),
                Monitoring.LogText.Safe(message.Subject),
                Monitoring.LogText.Safe(e.Message)
            );
            return new Answer($"refused: the body could not be read ({e.GetType().Name})");
        }
    }

    private AgentMessage Reply(AgentMessage to, MessageKind kind, BusBody answer) =>
        new(
            Guid.NewGuid().ToString("N"),
            name,
            to.From,
            kind,
            to.Subject,
            answer.Summary,
            to.Id,
            hands.UtcNow,
            null,
            kind == MessageKind.Response ? answer : null
        );

    /// <summary>
    /// The answer to a request of this agent's, if it has come. It stays until crowded out by newer ones, so a step
    /// that read it and then failed reads it again on its next try.
    /// </summary>
    public BusBody? AnswerTo(string requestId) => record.State.Answers.FindLast(a => a.RequestId == requestId)?.Body;

    /// <summary>True while a request is still in the outbox: neither answered, nor timed out, nor dead-lettered.</summary>
    public bool Awaiting(string requestId) => record.State.Outbox.Any(o => o.Message.Id == requestId);

    private void Count(string to, string kind, long requests = 0, long answered = 0, long timedOut = 0)
    {
        var key = $"{to}|{kind}";
        var flow = record.State.Flows.GetValueOrDefault(key) ?? new BusFlow(name, to, kind, 0, 0, 0);
        record.State.Flows[key] = flow with
        {
            Requests = flow.Requests + requests,
            Answered = flow.Answered + answered,
            TimedOut = flow.TimedOut + timedOut,
        };
    }

    /// <summary>
    /// On each tick: resend what is unacknowledged (the delay doubles with each send, 2 s up to 5 min),
    /// give up on requests past their deadline (timed out) and on anything older than the outbox's
    /// maximum age (dead-lettered, with a decision saying so).
    /// </summary>
    public async Task ServiceOutboxAsync()
    {
        var s = record.State;
        var now = hands.UtcNow;
        var changed = false;
        var maxAge = TimeSpan.FromMinutes(options.OutboxMaxAgeMinutes);
        foreach (var entry in s.Outbox.ToList())
        {
            if (now - entry.Message.SentUtc > maxAge)
            {
                s.Outbox.Remove(entry);
                MarkHistory(entry.Message.Id, "dead-lettered");
                Monitoring.BettingMetrics.AgentDeadLetters.Add(1, new KeyValuePair<string, object?>("agent", name));
                hands.Decide(
                    0,
                    DecisionKind.DeadLetter,
                    $"{entry.Message.Subject} to {entry.Message.To}",
                    ["resend", "dead-letter"],
                    new Dictionary<string, string>
                    {
                        ["message"] = entry.Message.Id,
                        ["sends"] = entry.Sends.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    },
                    [
                        $"unacknowledged since {entry.Message.SentUtc:u}, past the outbox's maximum age of {maxAge.TotalMinutes:0.#} min: kept in the history, not sent again",
                    ]
                );
                changed = true;
            }
            else if (entry.Message.DeadlineUtc is { } deadline && now > deadline)
            {
                s.Outbox.Remove(entry);
                MarkHistory(entry.Message.Id, "timed out");
                Count(entry.Message.To, entry.Message.Subject, timedOut: 1);
                hands.Decide(
                    0,
                    DecisionKind.Timeout,
                    $"{entry.Message.Subject} to {entry.Message.To}",
                    ["wait", "give up"],
                    new Dictionary<string, string> { ["message"] = entry.Message.Id },
                    [$"no answer by the deadline {deadline:u}: {name} carries on without it"]
                );
                changed = true;
            }
            else if (now - entry.LastSentUtc > OutboxRetry.Delay(entry.Sends))
            {
                s.Outbox[s.Outbox.IndexOf(entry)] = entry with { LastSentUtc = now, Sends = entry.Sends + 1 };
                await PublishAsync(entry.Message);
                changed = true;
            }
        }

        if (changed)
        {
            await record.WriteStateAsync();
        }
    }

    private void Remember(AgentMessage message, string direction, string status)
    {
        // Work bodies can be large (a day's bets): the history keeps their one-line summary, the outbox the whole.
        var kept = message.Payload is WorkRequest or WorkAnswer ? message with { Payload = null } : message;
        record.State.History.Add(new MessageRecord(kept, direction, status, hands.UtcNow));
        if (record.State.History.Count > MaxHistory)
        {
            record.State.History.RemoveRange(0, record.State.History.Count - MaxHistory);
        }
    }

    private void MarkHistory(string messageId, string status, string direction = "out")
    {
        var index = record.State.History.FindLastIndex(h => h.Message.Id == messageId && h.Direction == direction);
        if (index >= 0)
        {
            record.State.History[index] = record.State.History[index] with { Status = status, AtUtc = hands.UtcNow };
        }
    }
}

/// <summary>How long an outbox entry (or a failed delivery) waits before its next try.</summary>
public static class OutboxRetry
{
    /// <summary>
    /// The wait after the n-th failed or unanswered attempt: 2 s, then doubling, at most 5 min (a
    /// long-paused recipient or a refusing webhook costs a few attempts an hour).
    /// </summary>
    public static TimeSpan Delay(int attempts) => TimeSpan.FromSeconds(Math.Min(300, 2 * Math.Pow(2, Math.Max(0, attempts - 1))));
}
