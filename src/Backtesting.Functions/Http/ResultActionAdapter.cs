using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Backtesting.Functions.Http;

/// <summary>Returns a shared handler's <see cref="IResult"/> through the IActionResult support of the Functions ASP.NET Core integration.</summary>
public sealed class ResultActionAdapter(IResult result) : IActionResult
{
    public IResult Result { get; } = result;

    public Task ExecuteResultAsync(ActionContext context) => Result.ExecuteAsync(context.HttpContext);
}
