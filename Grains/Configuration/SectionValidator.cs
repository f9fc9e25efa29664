using Microsoft.Extensions.Options;

namespace Orleans.Betting.Configuration;

/// <summary>Runs an options class's own checks for the section (by options name) it was bound from.</summary>
public sealed class SectionValidator<T>(Func<string?, string> sectionOf) : IValidateOptions<T>
    where T : class, IValidatedOptions
{
    public ValidateOptionsResult Validate(string? name, T options)
    {
        var problems = new OptionsProblems(sectionOf(name));
        options.Validate(problems);
        return problems.List.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems.List);
    }
}
