using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace Cutover.Hangfire.Tests;

/// <summary>What Hangfire.NetCore's activator does, in a few lines: job objects come from the application's container.</summary>
public sealed class ServiceProviderJobActivator(IServiceProvider services) : JobActivator
{
    public override object ActivateJob(Type jobType) => ActivatorUtilities.GetServiceOrCreateInstance(services, jobType);
}
