using Backtesting.Functions;
using Backtesting.Http;
using Backtesting.Worker;

// One job: run the workflows' orchestrators and activities from the task hub until stopped. Start more of these
// processes (or machines) on the same hub to scale out; see src/Backtesting.Functions/README.md.
var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddBacktestingServices(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddBacktestingFunctions(builder.Configuration);
builder.Services.AddBacktestingDurableTaskWorker(builder.Configuration);
builder.Build().Run();
