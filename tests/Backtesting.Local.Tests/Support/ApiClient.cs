using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Backtesting.Local.Tests.Support;

/// <summary>Small helpers over HttpClient for the API's JSON.</summary>
public static class ApiClient
{
    public static object GoogRequest(int chunks = 1, int fast = 10, int slow = 20) => new
    {
        strategy_id = "sma_crossover",
        asset_symbol = "GOOG",
        start_date = "2004-01-01",
        end_date = "2013-12-31",
        initial_capital = 10000,
        parameters = new { fast_period = fast, slow_period = slow, commission = 0.002 },
        chunks,
    };

    /// <summary>A 400 problem's errors as "field: value message" lines (the detail names fields and messages; values appear only in errors[]).</summary>
    public static string ErrorText(JsonNode problem) =>
        string.Join("\n", problem["errors"]!.AsArray().Select(e => $"{(string)e!["field"]!}: {(string?)e["value"]} {(string)e["message"]!}"));

    public static async Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> SendJsonAsync(this HttpClient client, HttpMethod method, string url, object? body = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null) request.Content = JsonContent.Create(body);
        var response = await client.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 && (text[0] == '{' || text[0] == '[') ? JsonNode.Parse(text) : null, response);
    }

    public static async Task<(HttpStatusCode Status, JsonNode? Body)> PostRawAsync(this HttpClient client, string url, string content, string contentType)
    {
        var response = await client.PostAsync(url, new StringContent(content, Encoding.UTF8, contentType));
        string text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.StartsWith('{') ? JsonNode.Parse(text) : null);
    }

    public static async Task<JsonNode> GetJsonAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {url}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>POSTs <paramref name="body"/> as JSON and expects 200 or 201; returns the answer.</summary>
    public static async Task<JsonNode> PostOkAsync(this HttpClient client, string url, object body)
    {
        var (status, json, _) = await client.SendJsonAsync(HttpMethod.Post, url, body);
        Assert.True(status is HttpStatusCode.OK or HttpStatusCode.Created, $"POST {url}: {(int)status} {json?.ToJsonString()}");
        return json!;
    }

    /// <summary>Submits and waits until the run reaches a terminal status; returns the run id.</summary>
    public static async Task<string> RunToCompletionAsync(this HttpClient client, object request, TimeSpan? timeout = null)
    {
        var (status, body, _) = await client.SendJsonAsync(HttpMethod.Post, "/api/backtests", request);
        Assert.True(status == HttpStatusCode.Accepted, $"submit: {(int)status} {body?.ToJsonString()}");
        string id = (string)body!["backtest_id"]!;
        await client.WaitForTerminalAsync(id, timeout);
        return id;
    }

    /// <summary>
    /// Follows the run's Server-Sent Events (GET /api/backtests/{id}/events) until its backtest_complete event,
    /// then returns the run: woken by the run's own events, never by a timer of the test.
    /// </summary>
    public static async Task<JsonNode> WaitForTerminalAsync(this HttpClient client, string id, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            using var response = await client.GetAsync($"/api/backtests/{id}/events", HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            Assert.True(response.IsSuccessStatusCode, $"GET /api/backtests/{id}/events: {(int)response.StatusCode}");
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(deadline.Token));
            while (await ServerSentEventReader.NextOrEndAsync(reader, deadline.Token) is { } e && e.Type != "backtest_complete")
            {
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new TimeoutException($"run {id} did not complete: still {(string?)(await client.GetJsonAsync($"/api/backtests/{id}"))["status"]}");
        }
        var run = await client.GetJsonAsync($"/api/backtests/{id}");
        string status = (string)run["status"]!;
        Assert.True(status is "completed" or "failed" or "cancelled", $"the event stream of {id} ended with the run {status}");
        return run;
    }
}
