namespace Orleans.Betting.Configuration;

/// <summary>Options that check themselves; the problems name keys under the section they were bound from.</summary>
public interface IValidatedOptions
{
    void Validate(OptionsProblems problems);
}
