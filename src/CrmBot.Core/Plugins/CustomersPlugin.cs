using System.ComponentModel;
using CrmBot.Core.Turns;
using CrmBot.Core.Customers;
using CrmBot.Intelligence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.SemanticKernel;
using CrmBot.Core.Orders;
using CrmBot.Core.Messages;

namespace CrmBot.Core.Plugins;

/// <summary>Who the customer is: identity checks, profile, account changes.</summary>
public sealed class CustomersPlugin(ICustomerTurn turn, ConversationOptions options)
{
    [KernelFunction("find_account"), Description("Looks up the account for an email address given by the customer, as the first half of identity verification. Never reveals whether the account exists.")]
    public async Task<AccountLookup> FindAccountAsync([Description("Email address the customer gave")] string email, CancellationToken ct)
    {
        var normalized = Customer.NormalizeEmail(email);
        var id = await turn.Db.Customers.Where(c => c.Email == normalized && c.MarkedForDeletionAt == null).Select(c => (int?)c.Id).FirstOrDefaultAsync(ct);
        return new AccountLookup(id ?? 0, VerificationLockout.KeyFor(normalized));
    }

    [KernelFunction("verify"), Description("Checks an order number or postcode against the account found by find_account. On success the conversation is linked to the customer.")]
    public async Task<VerificationResult> VerifyAsync(
        [Description("Account id returned by find_account")] int candidate,
        [Description("Email key returned by find_account")] string key,
        [Description("An order number (BW-123456) or UK postcode given by the customer")] string proof,
        CancellationToken ct)
    {
        if (turn.FailedVerifications >= options.MaxVerificationAttempts)
        {
            return new VerificationResult("locked", "", 0);
        }
        // Checked before the proof, the same way for every address, so a locked one answers alike whether or not it is a customer's.
        var lockout = await turn.Db.Set<VerificationLockout>().FindAsync([key], ct);
        if (lockout?.IsLocked(turn.Now) == true)
        {
            return new VerificationResult("locked_out", "", 0);
        }
        var customer = candidate > 0 ? await turn.Db.Customers.FirstOrDefaultAsync(c => c.Id == candidate, ct) : null;
        bool matches = false;
        if (customer is not null && !string.IsNullOrWhiteSpace(proof))
        {
            var postcode = EntityExtractor.NormalizePostcode(proof);
            var orderNumber = proof.Trim().ToUpperInvariant();
            matches = EntityExtractor.NormalizePostcode(customer.Postcode) == postcode
                || await turn.Db.Orders.AnyAsync(o => o.CustomerId == customer.Id && o.Number == orderNumber, ct);
        }
        if (!matches)
        {
            if (lockout is null)
            {
                lockout = new VerificationLockout { EmailHash = key, WindowStartedAt = turn.Now };
                turn.Db.Add(lockout);
            }
            lockout.RecordFailure(turn.Now, options.VerificationFailuresPerEmail, options.VerificationFailureWindow, options.VerificationLockout);
            turn.RecordFailedVerification();
            int left = options.MaxVerificationAttempts - turn.FailedVerifications;
            return new VerificationResult(left > 0 ? "failed" : "locked", "", left);
        }
        turn.Verify(customer!);
        return new VerificationResult("verified", customer!.FirstName, options.MaxVerificationAttempts);
    }

    [KernelFunction("get_profile"), Description("The verified customer's profile: first name, loyalty tier, member since, masked email.")]
    public CustomerProfile? GetProfile()
    {
        var c = turn.Customer;
        return c is null ? null : new CustomerProfile(c.FirstName, c.Tier.ToString(), Formats.Date(c.CreatedAt), Formats.MaskEmail(c.Email), c.Phone is null ? "" : "•••" + c.Phone[^3..]);
    }

    [KernelFunction("send_password_reset"), Description("Emails a password reset link (valid one hour) if the address has an account. The reply is the same either way, so accounts cannot be discovered.")]
    public async Task<PasswordReset> SendPasswordResetAsync([Description("Email address of the account")] string email, CancellationToken ct)
    {
        var normalized = Customer.NormalizeEmail(email);
        var exists = await turn.Db.Customers.AnyAsync(c => c.Email == normalized, ct);
        // The outbound email itself is sent by the shop's mail system; here we only decide and report.
        return new PasswordReset(exists, Formats.MaskEmail(normalized));
    }

    [KernelFunction("update_phone"), Description("Changes the verified customer's phone number.")]
    public PhoneUpdate UpdatePhone([Description("New phone number")] string phone)
    {
        if (turn.Customer is null)
        {
            return new PhoneUpdate(false, "");
        }
        turn.Customer.Phone = phone;
        return new PhoneUpdate(true, "•••" + phone[^3..]);
    }
}

/// <summary>The account an email belongs to (0: none) and the email's key for counting failed checks (<see cref="VerificationLockout.KeyFor"/>).</summary>
public sealed record AccountLookup(int Candidate, string Key);

public sealed record VerificationResult(string Status, string FirstName, int AttemptsLeft);

public sealed record CustomerProfile(string FirstName, string Tier, string MemberSince, string Email, string Phone);

public sealed record PasswordReset(bool AccountExists, string Email);

public sealed record PhoneUpdate(bool Updated, string Phone);
