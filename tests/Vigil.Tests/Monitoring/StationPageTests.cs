using Microsoft.Extensions.DependencyInjection;
using Vigil.Data.Monitoring;

namespace Vigil.Tests.Monitoring;

/// <summary>The station list pages, filters and sorts in the database, within the user's divisions only.</summary>
public sealed class StationPageTests
{
    [Fact]
    public async Task A_page_holds_only_the_jurisdictions_stations_that_match_in_the_chosen_order_with_the_total()
    {
        await using var app = new VigilFactory();
        using var scope = app.Services.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<MonitoringStore>();
        for (var i = 1; i <= 45; i++)
        {
            await store.AddStationAsync(new StationRecord
            {
                Code = $"PG{i:D4}", Name = (i % 2 == 0 ? "徐汇" : "闵行") + $"站{50 - i:D2}", DivisionCode = i <= 40 ? "310104" : "310112", PasswordHash = "", Items = "a34004",
            });
        }

        var (first, total) = await store.StationPageAsync(["310104"], null, StationSort.Code, 0, 20);
        Assert.Equal(40, total);
        Assert.Equal(Enumerable.Range(1, 20).Select(i => $"PG{i:D4}"), first.Select(s => s.Code));

        var (last, _) = await store.StationPageAsync(["310104"], null, StationSort.Code, 20, 20);
        Assert.Equal("PG0040", last[^1].Code);
        Assert.Empty((await store.StationPageAsync(["310104"], null, StationSort.Code, 40, 20)).Page);

        var (named, namedTotal) = await store.StationPageAsync(["310104"], "闵行", StationSort.Name, 0, 5);
        Assert.Equal(20, namedTotal);
        Assert.Equal(["闵行站11", "闵行站13", "闵行站15", "闵行站17", "闵行站19"], named.Select(s => s.Name));

        var (byCode, byCodeTotal) = await store.StationPageAsync(["310112"], "PG004", StationSort.Division, 0, 20);
        Assert.Equal(["PG0041", "PG0042", "PG0043", "PG0044", "PG0045"], byCode.Select(s => s.Code));
        Assert.Equal(5, byCodeTotal);

        var (everywhere, all) = await store.StationPageAsync([""], null, StationSort.Division, 0, 50);
        Assert.Equal(45, all);
        Assert.Equal("310112", everywhere[^1].DivisionCode);
    }
}
