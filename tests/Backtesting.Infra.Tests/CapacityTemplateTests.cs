namespace Backtesting.Infra.Tests;

/// <summary>
/// Sizes a deployment derives from its parameters, evaluated by <c>bicep snapshot</c>: instances x pool must fit the
/// server's user connections, the market-data cache must fit an instance, and the app must deploy where Flex
/// Consumption exists. Expected numbers are worked by hand from Azure's published limits.
/// </summary>
public sealed class CapacityTemplateTests
{
    [Fact]
    public void DefaultServer_BoundsInstancesByItsConnections()
    {
        // Standard_B2s: max_connections 429, 15 kept by Azure, 10 for operators: 404 / Max Pool Size 10 = 40 instances,
        // although the ceiling asks for 1000
        var snapshot = TemplateSnapshot.Create(new Dictionary<string, string> { ["maximumInstanceCount"] = "1000" });

        var sku = snapshot.Single("Microsoft.DBforPostgreSQL/flexibleServers")["sku"]!;
        Assert.Equal("Standard_B2s", (string?)sku["name"]);
        Assert.Equal("Burstable", (string?)sku["tier"]);
        Assert.Equal(40, (int)snapshot.Scale["maximumInstanceCount"]!);
        string connection = (string)snapshot.AppSettings["Storage__PostgresConnectionString"]!;
        Assert.Contains("Max Pool Size={3}", connection);   // format(...) over the server's host name ...
        Assert.EndsWith(", 10)]", connection);               // ... with 10 as the pool size
        Assert.True(40 * 10 <= 429 - 15);
    }

    [Theory]
    // Standard_B1ms: (50 - 15 - 10) / 10 = 2.5 -> 2 instances (the 40 x 100 against 35 connections)
    [InlineData("'Standard_B1ms'", 10, 40, 2, "Burstable")]
    // a smaller pool admits more instances: 25 / 5 = 5
    [InlineData("'Standard_B1ms'", 5, 40, 5, "Burstable")]
    // Standard_D4ds_v5: (1718 - 25) / 10 = 169 instances allowed; the ceiling of 100 is lower and wins
    [InlineData("'Standard_D4ds_v5'", 10, 100, 100, "GeneralPurpose")]
    public void InstanceCount_IsTheLowerOfTheCeilingAndTheConnectionBound(string skuName, int pool, int ceiling, int expected, string tier)
    {
        var snapshot = TemplateSnapshot.Create(new Dictionary<string, string>
        {
            ["postgresSkuName"] = skuName,
            ["postgresMaxPoolSize"] = pool.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["maximumInstanceCount"] = ceiling.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        Assert.Equal(expected, (int)snapshot.Scale["maximumInstanceCount"]!);
        Assert.Equal(tier, (string?)snapshot.Single("Microsoft.DBforPostgreSQL/flexibleServers")["sku"]!["tier"]);
        Assert.EndsWith($", {pool})]", (string)snapshot.AppSettings["Storage__PostgresConnectionString"]!);
    }

    [Theory]
    // 3/16 of the instance's memory at 48 bytes a bar: 512 MiB -> 96 MiB = 100,663,296 B / 48 = 2,097,152 bars
    [InlineData(512, "2097152")]
    // 2048 MiB -> 384 MiB / 48 B = 8,388,608 bars (the old default, 20M bars, needed ~960 MB of the 2,048)
    [InlineData(2048, "8388608")]
    // 4096 MiB -> 768 MiB / 48 B = 16,777,216 bars
    [InlineData(4096, "16777216")]
    public void MarketDataCache_IsSizedForTheInstance(int memoryMB, string expectedBars)
    {
        var snapshot = TemplateSnapshot.Create(new Dictionary<string, string> { ["instanceMemoryMB"] = memoryMB.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Equal(memoryMB, (int)snapshot.Scale["instanceMemoryMB"]!);
        Assert.Equal(expectedBars, (string?)snapshot.AppSettings["Storage__MarketDataCacheBars"]);
        Assert.True(long.Parse(expectedBars, System.Globalization.CultureInfo.InvariantCulture) * 48 <= memoryMB * 1024L * 1024 / 4);
    }

    [Fact]
    public void DurableGroup_KeepsOneInstanceReady()
    {
        var alwaysReady = Assert.Single(TemplateSnapshot.Create().Scale["alwaysReady"]!.AsArray());

        Assert.Equal("durable", (string?)alwaysReady!["name"]);
        Assert.Equal(1, (int)alwaysReady["instanceCount"]!);
    }

    [Fact]
    public void Location_WithoutFlexConsumption_IsRefusedBeforeDeploying()
    {
        Assert.NotNull(TemplateSnapshot.TryCreate(new Dictionary<string, string> { ["location"] = "'swedencentral'" }).Snapshot);

        var (snapshot, output) = TemplateSnapshot.TryCreate(new Dictionary<string, string> { ["location"] = "'westindia'" });

        Assert.Null(snapshot);
        Assert.Contains("BCP033", output);        // the value is not one of the @allowed regions ...
        Assert.Contains("'westindia'", output);
        Assert.Contains("'swedencentral'", output); // ... which the error lists
    }

    [Fact]
    public void ServicePrincipalDeployer_IsDeclaredAsOneToTheDatabaseAndToStorage()
    {
        // azd in CI signs in as a service principal: role assignments and the Entra administrator must say so
        var snapshot = TemplateSnapshot.Create(new Dictionary<string, string> { ["principalType"] = "'ServicePrincipal'" });

        Assert.Equal("ServicePrincipal", (string?)snapshot.Single("Microsoft.DBforPostgreSQL/flexibleServers/administrators")["properties"]!["principalType"]);
        var deployerRoles = TemplateJson.Resources(snapshot.Json["predictedResources"]!)
            .Where(r => (string?)r["type"] == "Microsoft.Authorization/roleAssignments" && (string?)r["properties"]!["principalId"] == "00000000-0000-0000-0000-0000000000a1")
            .ToList();
        Assert.Equal(3, deployerRoles.Count);   // blob, queue and table data roles
        Assert.All(deployerRoles, r => Assert.Equal("ServicePrincipal", (string?)r["properties"]!["principalType"]));
    }
}
