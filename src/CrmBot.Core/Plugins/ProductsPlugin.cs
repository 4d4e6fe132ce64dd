using System.ComponentModel;
using CrmBot.Core.Turns;
using CrmBot.Core.Recommendations;
using Microsoft.EntityFrameworkCore;
using Microsoft.SemanticKernel;
using CrmBot.Core.Products;
using CrmBot.Core.Messages;

namespace CrmBot.Core.Plugins;

/// <summary>The catalogue: product details and suggestions.</summary>
public sealed class ProductsPlugin(ICustomerTurn turn, SuggestionServices suggestions)
{
    [KernelFunction("recommend"), Description("Suggests up to three products for what the customer asked: within their budget, suited to what it is for, or going with a product they own. Leaves out what they already own and what is out of stock.")]
    public Task<ProductRecommendations> RecommendAsync(
        [Description("Category slug or name such as laptops or audio; empty to take it from the request")] string category,
        [Description("The customer's request in their own words, e.g. 'earbuds for the gym under £50' or 'something to go with my bulb'")] string request = "",
        [Description("Whether 'to go with my X' looks for products that go with one the customer owns; false once they have said what they want instead")] bool complement = true,
        CancellationToken ct = default) =>
        new ProductRecommender(turn, suggestions).RecommendAsync(category, request, complement, ct);

    [KernelFunction("describe"), Description("Details of one product: name, price, description, whether it is in stock.")]
    public async Task<ProductDetails> DescribeAsync([Description("The product's SKU, e.g. LAP-001")] string sku, CancellationToken ct)
    {
        var p = await turn.Db.Products.Include(x => x.Category).FirstOrDefaultAsync(x => x.Sku == sku, ct);
        return p is null
            ? new ProductDetails(false, "", "", "", "", "", false)
            : new ProductDetails(true, p.Sku, p.Name, p.Category?.Name ?? p.CategorySlug, Formats.Money(p.Price), p.Description, p.InStock);
    }
}

public sealed record ProductDetails(bool Found, string Sku, string Name, string Category, string Price, string Description, bool InStock);
