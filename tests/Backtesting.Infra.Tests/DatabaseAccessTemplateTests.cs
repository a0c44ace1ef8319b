using System.Text.Json.Nodes;

namespace Backtesting.Infra.Tests;

/// <summary>
/// Production reaches PostgreSQL as the service role, never as the server administrator: the app signs in with its
/// managed identity's Entra tokens (no password anywhere), migrations belong to a different principal, and the
/// server's child resources deploy one after another.
/// </summary>
public sealed class DatabaseAccessTemplateTests(CompiledTemplate template) : IClassFixture<CompiledTemplate>
{
    [Fact]
    public void Template_BuildsAndLintsClean() => Assert.Equal("", template.Diagnostics);

    [Fact]
    public void AppSettings_HoldNoPasswordAndSignInToPostgresWithEntraTokens()
    {
        var settings = AppSettings();

        foreach (var (name, value) in settings)
        {
            string text = value?.ToString() ?? "";
            Assert.DoesNotContain("Password=", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("postgresAdmin", text, StringComparison.OrdinalIgnoreCase);
            Assert.False(name.Contains("password", StringComparison.OrdinalIgnoreCase) && !text.StartsWith("@Microsoft.KeyVault(", StringComparison.Ordinal),
                $"app setting {name} carries a plain secret");
        }
        Assert.Equal("EntraId", (string?)settings["Storage__PostgresAuthentication"]);
        Assert.Contains("postgresServiceRole", (string?)settings["Storage__PostgresConnectionString"]);
        Assert.Equal("false", (string?)settings["Storage__ApplyMigrations"]);   // the app runs no DDL
    }

    [Fact]
    public void Template_HasNoPasswordParameterAndTheServerRefusesPasswords()
    {
        var parameterTypes = template.Resources().Concat([template.Json.AsObject()])
            .SelectMany(r => (r["properties"]?["template"]?["parameters"] ?? r["parameters"])?.AsObject() ?? [])
            .Select(p => (Name: p.Key, Type: (string?)p.Value?["type"]));
        Assert.DoesNotContain(parameterTypes, p => p.Type == "securestring" || p.Name.Contains("password", StringComparison.OrdinalIgnoreCase));

        var server = Single("Microsoft.DBforPostgreSQL/flexibleServers");
        Assert.Equal("Disabled", (string?)server["properties"]!["authConfig"]!["passwordAuth"]);
        Assert.Null(server["properties"]!["administratorLogin"]);
    }

    [Fact]
    public void MigrationPrincipal_IsTheEntraAdministratorAndNotTheAppIdentity()
    {
        JsonNode Module(string name) => Assert.Single(template.Resources(), r => (string?)r["type"] == "Microsoft.Resources/deployments" && (string?)r["name"] == name)["properties"]!["parameters"]!;
        string admin = (string)Module("postgres")["entraAdminObjectId"]!["value"]!;
        string service = (string)Module("api")["postgresServiceRole"]!["value"]!;

        Assert.Equal("[parameters('postgresAdminObjectId')]", admin);
        Assert.Contains("'identity'", service);              // the app's user-assigned identity ...
        Assert.DoesNotContain("identity", admin);            // ... is not the administrator
        Assert.Equal("[parameters('principalId')]", (string?)template.Json["parameters"]!["postgresAdminObjectId"]!["defaultValue"]);
    }

    [Fact]
    public void ServerChildren_DeployOneAfterAnother()
    {
        // Flexible Server answers ServerIsBusy to parallel changes: database -> firewall rule -> administrator
        string firewallDependsOn = Single("Microsoft.DBforPostgreSQL/flexibleServers/firewallRules")["dependsOn"]!.ToJsonString();
        string adminDependsOn = Single("Microsoft.DBforPostgreSQL/flexibleServers/administrators")["dependsOn"]!.ToJsonString();
        Assert.Contains("flexibleServers/databases", firewallDependsOn);
        Assert.Contains("flexibleServers/firewallRules", adminDependsOn);
    }

    private JsonObject AppSettings() => Single("Microsoft.Web/sites/config")["properties"]!.AsObject();

    private JsonObject Single(string type) => Assert.Single(template.Resources(), r => (string?)r["type"] == type);
}
