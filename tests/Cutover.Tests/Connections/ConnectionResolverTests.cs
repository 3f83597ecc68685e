using Cutover.Connections;
using Microsoft.Extensions.Logging;
using Npgsql;
using Shouldly;

namespace Cutover.Tests.Connections;

/// <summary>Resolution without a server: every file lives in a folder of the test's own, and HOME and PGSYSCONFDIR
/// point there so that nothing on the machine is read.</summary>
public sealed class ConnectionResolverTests : IDisposable
{
    private const string OperatingSystemUser = "osuser";
    private readonly TempFolder _folder = new();
    private readonly RecordingLogger<ConnectionResolver> _logger = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Without_a_target_libpq_defaults_apply()
    {
        var resolved = await ResolveAsync(ConnectionTarget.Create());

        resolved.Describe().ShouldBe("localhost:5432/osuser as osuser");
    }

    [Fact]
    public async Task The_default_host_is_the_socket_folder_when_it_exists()
    {
        var resolver = new ConnectionResolver(_logger, OperatingSystemUser, _folder.Path);

        var resolved = await resolver.ResolveAsync(
            ConnectionTarget.Create(), Environment(), TestContext.Current.CancellationToken);

        resolved.Host.ShouldBe(_folder.Path);
    }

    [Fact]
    public async Task The_database_defaults_to_the_resolved_user() =>
        (await ResolveAsync(ConnectionTarget.Create(), ("PGUSER", "deploy"))).Database.ShouldBe("deploy");

    [Fact]
    public async Task Environment_variables_fill_what_a_URI_lacks()
    {
        var resolved = await ResolveAsync(
            ConnectionTarget.Create("postgresql://db/app"),
            ("PGHOST", "ignored"), ("PGPORT", "6000"), ("PGUSER", "deploy"), ("PGDATABASE", "ignored"));

        resolved.Describe().ShouldBe("db:6000/app as deploy");
    }

    [Fact]
    public async Task An_Npgsql_connection_string_wins_over_the_environment_under_any_alias()
    {
        var resolved = await ResolveAsync(
            ConnectionTarget.Create("Server=db;Port=5433;User Id=deploy"),
            ("PGHOST", "ignored"), ("PGPORT", "6000"), ("PGUSER", "ignored"), ("PGDATABASE", "app"));

        resolved.Describe().ShouldBe("db:5433/app as deploy");
    }

    [Fact]
    public async Task A_libpq_keyword_value_string_is_understood()
    {
        var resolved = await ResolveAsync(ConnectionTarget.Create("host=db port=5433 dbname='my app' user=deploy"));

        resolved.Describe().ShouldBe("db:5433/my app as deploy");
    }

    [Fact]
    public async Task Environment_variables_map_to_Npgsql_settings()
    {
        var builder = (await ResolveAsync(
            ConnectionTarget.Create(),
            ("PGSSLMODE", "verify-full"), ("PGCONNECT_TIMEOUT", "7"), ("PGOPTIONS", "-c lock_timeout=5s"),
            ("PGAPPNAME", "deploy-42"), ("PGTARGETSESSIONATTRS", "read-write"))).CreateConnectionStringBuilder();

        builder.SslMode.ShouldBe(SslMode.VerifyFull);
        builder.Timeout.ShouldBe(7);
        builder.Options.ShouldBe("-c lock_timeout=5s");
        builder.ApplicationName.ShouldBe("deploy-42");
        builder.TargetSessionAttributes.ShouldBe("read-write");
    }

    [Fact]
    public async Task URI_query_parameters_map_to_Npgsql_settings()
    {
        var builder = (await ResolveAsync(ConnectionTarget.Create(
                "postgresql://db/app?sslmode=require&connect_timeout=1&application_name=deploy&require_auth=scram-sha-256")))
            .CreateConnectionStringBuilder();

        builder.SslMode.ShouldBe(SslMode.Require);
        builder.Timeout.ShouldBe(2, "libpq raises a 1 second timeout to 2");
        builder.ApplicationName.ShouldBe("deploy");
        builder.RequireAuth.ShouldBe("ScramSHA256");
    }

    [Fact]
    public async Task Fallback_application_name_applies_only_without_application_name()
    {
        var fallback = await ResolveAsync(ConnectionTarget.Create("postgresql://db?fallback_application_name=tool"));
        var both = await ResolveAsync(ConnectionTarget.Create(
            "postgresql://db?fallback_application_name=tool&application_name=app"));

        fallback.CreateConnectionStringBuilder().ApplicationName.ShouldBe("tool");
        both.CreateConnectionStringBuilder().ApplicationName.ShouldBe("app");
    }

    [Fact]
    public async Task Several_hosts_keep_their_own_ports()
    {
        var resolved = await ResolveAsync(ConnectionTarget.Create("postgresql://h1:5433,h2,[::1]:5434/app?user=deploy"));

        resolved.Host.ShouldBe("h1:5433,h2:5432,[::1]:5434");
        resolved.Describe().ShouldBe("h1:5433,h2:5432,[::1]:5434/app as deploy");
    }

    [Fact]
    public async Task One_port_applies_to_every_host() =>
        (await ResolveAsync(ConnectionTarget.Create("host=h1,h2 port=6000"))).Host.ShouldBe("h1:6000,h2:6000");

    [Fact]
    public async Task A_port_list_must_match_the_host_list() =>
        (await Should.ThrowAsync<ConnectionConfigurationException>(
                () => ResolveAsync(ConnectionTarget.Create("host=h1,h2,h3 port=1,2"))))
            .Message.ShouldBe("connection string: could not match 2 port numbers to 3 hosts");

    [Fact]
    public async Task A_single_IPv6_host_is_described_in_brackets() =>
        (await ResolveAsync(ConnectionTarget.Create("postgresql://[::1]:5433/app?user=u")))
            .Describe().ShouldBe("[::1]:5433/app as u");

    [Fact]
    public async Task A_socket_folder_from_a_URI_becomes_the_host() =>
        (await ResolveAsync(ConnectionTarget.Create("postgresql://%2Ftmp%2Fpg:5439/app")))
            .Describe().ShouldBe("/tmp/pg:5439/app as osuser");

    [Fact]
    public async Task Hostaddr_stands_in_for_a_missing_host() =>
        (await ResolveAsync(ConnectionTarget.Create(), ("PGHOSTADDR", "10.0.0.5"))).Host.ShouldBe("10.0.0.5");

    [Fact]
    public async Task A_bad_value_names_the_variable_it_came_from()
    {
        var error = await Should.ThrowAsync<ConnectionConfigurationException>(
            () => ResolveAsync(ConnectionTarget.Create(), ("PGPORT", "fifty")));

        error.Message.ShouldBe("PGPORT: invalid port \"fifty\"");
    }

    [Fact]
    public async Task A_bad_enumeration_lists_the_accepted_values() =>
        (await Should.ThrowAsync<ConnectionConfigurationException>(
                () => ResolveAsync(ConnectionTarget.Create(), ("PGSSLMODE", "on"))))
            .Message.ShouldBe(
                "PGSSLMODE: invalid sslmode \"on\": expected disable, allow, prefer, require, verify-ca or verify-full");

    [Fact]
    public async Task A_libpq_keyword_Npgsql_cannot_honour_is_refused() =>
        (await Should.ThrowAsync<ConnectionConfigurationException>(
                () => ResolveAsync(ConnectionTarget.Create("postgresql://db?sslcrl=/etc/crl.pem"))))
            .Message.ShouldBe("connection URI: connection keyword \"sslcrl\" is not supported (Npgsql has no equivalent)");

    [Fact]
    public async Task A_bad_Npgsql_connection_string_is_a_configuration_error() =>
        (await Should.ThrowAsync<ConnectionConfigurationException>(
                () => ResolveAsync(ConnectionTarget.Create("Host=db;Colour=blue"))))
            .Message.ShouldStartWith("connection string: not a valid Npgsql connection string: ");

    [Fact]
    public async Task A_service_fills_between_the_target_and_the_environment()
    {
        var serviceFile = _folder.Write("services.conf", "[prod]\nhost=svc\nport=7000\ndbname=svcdb\n");

        var resolved = await ResolveAsync(
            ConnectionTarget.Create("postgresql:///explicitdb", "prod"),
            ("PGSERVICEFILE", serviceFile), ("PGHOST", "ignored"), ("PGPORT", "6000"), ("PGUSER", "deploy"));

        resolved.Describe().ShouldBe("svc:7000/explicitdb as deploy");
    }

    [Fact]
    public async Task Within_a_service_the_first_line_for_a_keyword_wins()
    {
        var serviceFile = _folder.Write("services.conf", "[prod]\nhost=first\nhost=second\n");

        (await ResolveAsync(ConnectionTarget.Create(serviceName: "prod"), ("PGSERVICEFILE", serviceFile)))
            .Host.ShouldBe("first");
    }

    [Fact]
    public async Task PGSERVICE_selects_a_service_when_the_target_names_none()
    {
        var serviceFile = _folder.Write("services.conf", "[prod]\nhost=svc\n");

        var resolved = await ResolveAsync(
            ConnectionTarget.Create(), ("PGSERVICE", "prod"), ("PGSERVICEFILE", serviceFile));

        resolved.Host.ShouldBe("svc");
    }

    [Fact]
    public async Task PGSERVICE_fills_gaps_in_a_connection_string_as_in_libpq()
    {
        var serviceFile = _folder.Write("services.conf", "[prod]\nhost=svc\ndbname=svcdb\n");

        var resolved = await ResolveAsync(
            ConnectionTarget.Create("Host=db"), ("PGSERVICE", "prod"), ("PGSERVICEFILE", serviceFile));

        resolved.Describe().ShouldBe("db:5432/svcdb as osuser");
    }

    [Fact]
    public async Task A_service_named_in_a_URI_is_read()
    {
        var serviceFile = _folder.Write("services.conf", "[prod]\nhost=svc\n");

        (await ResolveAsync(ConnectionTarget.Create("postgresql:///app?service=prod"), ("PGSERVICEFILE", serviceFile)))
            .Host.ShouldBe("svc");
    }

    [Fact]
    public async Task Two_different_service_names_are_refused() =>
        (await Should.ThrowAsync<ConnectionConfigurationException>(
                () => ResolveAsync(ConnectionTarget.Create("postgresql:///app?service=a", "b"))))
            .Message.ShouldBe("connection URI: names service \"a\" but the target also names service \"b\"");

    [Fact]
    public async Task The_service_file_in_HOME_comes_before_the_system_one()
    {
        _folder.Write(".pg_service.conf", "[prod]\nhost=user-file\n");
        _folder.Write("pg_service.conf", "[prod]\nhost=system-file\nport=7000\n");

        var resolved = await ResolveAsync(ConnectionTarget.Create(serviceName: "prod"));

        resolved.Describe().ShouldBe("user-file:5432/osuser as osuser", "only the first file defining the service counts");
    }

    [Fact]
    public async Task The_system_service_file_is_read_when_the_user_file_lacks_the_service()
    {
        _folder.Write(".pg_service.conf", "[other]\nhost=user-file\n");
        _folder.Write("pg_service.conf", "[prod]\nhost=system-file\n");

        (await ResolveAsync(ConnectionTarget.Create(serviceName: "prod"))).Host.ShouldBe("system-file");
    }

    [Fact]
    public async Task An_undefined_service_lists_the_files_searched()
    {
        _folder.Write(".pg_service.conf", "[other]\nhost=user-file\n");

        var error = await Should.ThrowAsync<ConnectionConfigurationException>(
            () => ResolveAsync(ConnectionTarget.Create(), ("PGSERVICE", "prod")));

        error.Message.ShouldBe(
            $"PGSERVICE: connection service \"prod\" is not defined in {_folder.Path}/.pg_service.conf or "
            + $"{_folder.Path}/pg_service.conf (no such file)");
    }

    [Fact]
    public async Task An_unknown_keyword_in_a_service_names_the_file_and_line()
    {
        var serviceFile = _folder.Write("services.conf", "[prod]\nhost=svc\nhots=svc\n");

        var error = await Should.ThrowAsync<ConnectionConfigurationException>(
            () => ResolveAsync(ConnectionTarget.Create(serviceName: "prod"), ("PGSERVICEFILE", serviceFile)));

        error.Message.ShouldBe(serviceFile + ":3: unknown connection keyword \"hots\"");
        error.Line.ShouldBe(3);
    }

    [Fact]
    public async Task A_bad_value_in_a_service_names_the_file_and_line()
    {
        var serviceFile = _folder.Write("services.conf", "[prod]\nport=x\n");

        (await Should.ThrowAsync<ConnectionConfigurationException>(
                () => ResolveAsync(ConnectionTarget.Create(serviceName: "prod"), ("PGSERVICEFILE", serviceFile))))
            .Message.ShouldBe(serviceFile + ":2: invalid port \"x\"");
    }

    [Fact]
    public async Task The_password_file_in_HOME_supplies_a_missing_password()
    {
        _folder.Write(".pgpass", "other:*:*:*:wrong\ndb:5432:app:deploy:right\n*:*:*:*:later\n");

        var resolved = await ResolveAsync(ConnectionTarget.Create("postgresql://deploy@db/app"));

        resolved.CreateConnectionStringBuilder().Password.ShouldBe("right");
        _logger.Entries.ShouldContain(e => e.EventId.Id == CutoverEventIds.PasswordFromFile);
    }

    [Fact]
    public async Task PGPASSFILE_names_the_password_file()
    {
        var passwordFile = _folder.Write("passwords", "*:*:*:*:from-pgpassfile\n");

        (await ResolveAsync(ConnectionTarget.Create("Host=db"), ("PGPASSFILE", passwordFile)))
            .CreateConnectionStringBuilder().Password.ShouldBe("from-pgpassfile");
    }

    [Fact]
    public async Task A_given_password_is_not_replaced_by_the_password_file()
    {
        _folder.Write(".pgpass", "*:*:*:*:from-file\n");

        var fromUri = await ResolveAsync(ConnectionTarget.Create("postgresql://u:given@db"));
        var fromEnvironment = await ResolveAsync(ConnectionTarget.Create("Host=db"), ("PGPASSWORD", "from-env"));

        fromUri.CreateConnectionStringBuilder().Password.ShouldBe("given");
        fromEnvironment.CreateConnectionStringBuilder().Password.ShouldBe("from-env");
    }

    [Fact]
    public async Task The_default_socket_folder_matches_localhost_in_the_password_file()
    {
        _folder.Write(".pgpass", "localhost:5432:*:*:socket-password\n");
        var resolver = new ConnectionResolver(_logger, OperatingSystemUser, _folder.Path);

        var resolved = await resolver.ResolveAsync(
            ConnectionTarget.Create(), Environment(), TestContext.Current.CancellationToken);

        resolved.CreateConnectionStringBuilder().Password.ShouldBe("socket-password");
    }

    [Fact]
    public async Task Each_host_is_tried_in_the_password_file()
    {
        _folder.Write(".pgpass", "h2:5433:*:*:second-host\n");

        (await ResolveAsync(ConnectionTarget.Create("host=h1,h2 port=5432,5433")))
            .CreateConnectionStringBuilder().Password.ShouldBe("second-host");
    }

    [Fact]
    public async Task A_password_file_others_can_read_is_ignored_with_a_warning()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "libpq checks permissions on Unix only");
        var path = _folder.Write(".pgpass", "*:*:*:*:exposed\n",
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var builder = (await ResolveAsync(ConnectionTarget.Create("Host=db"))).CreateConnectionStringBuilder();

        builder.Password.ShouldBeNull();
        builder.Passfile.ShouldBe("/dev/null", "Npgsql must not read the ignored file by itself");
        _logger.Entries.ShouldContain(e =>
            e.EventId.Id == CutoverEventIds.PasswordFileIgnored && e.Level == LogLevel.Warning
            && e.Message.Contains(path, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_malformed_password_file_names_the_file_and_line()
    {
        var path = _folder.Write(".pgpass", "db:5432\n");

        (await Should.ThrowAsync<ConnectionConfigurationException>(() => ResolveAsync(ConnectionTarget.Create("Host=db"))))
            .Message.ShouldBe(path + ":1: line is not host:port:database:user:password");
    }

    [Fact]
    public async Task The_resolved_target_is_logged_at_debug_by_event_id()
    {
        await ResolveAsync(ConnectionTarget.Create("postgresql://deploy@db:5433/app"));

        var entry = _logger.Entries.ShouldHaveSingleItem();
        entry.EventId.Id.ShouldBe(CutoverEventIds.ConnectionResolved);
        entry.Level.ShouldBe(LogLevel.Debug);
        entry.Message.ShouldBe("Resolved connection to db:5433/app as deploy");
    }

    [Fact]
    public void Every_Npgsql_keyword_in_the_table_is_the_canonical_one()
    {
        var samples = new Dictionary<string, string>
        {
            ["sslmode"] = "require", ["sslnegotiation"] = "direct", ["gssencmode"] = "disable",
            ["channel_binding"] = "require", ["require_auth"] = "password", ["load_balance_hosts"] = "random",
            ["connect_timeout"] = "5", ["keepalives"] = "1", ["keepalives_idle"] = "5", ["keepalives_interval"] = "5",
            ["target_session_attrs"] = "primary",
        };

        foreach (var parameter in LibpqParameters.All.Where(p => p.Apply is not null))
        {
            var builder = new NpgsqlConnectionStringBuilder();
            parameter.Apply!(builder, samples.GetValueOrDefault(parameter.Keyword, "x"));
            builder.Keys.Cast<string>().ShouldBe([parameter.NpgsqlKeyword!], parameter.Keyword);
        }
    }

    private Task<ResolvedConnection> ResolveAsync(ConnectionTarget target, params (string Name, string Value)[] variables) =>
        new ConnectionResolver(_logger, OperatingSystemUser, Path.Combine(_folder.Path, "no-socket-here"))
            .ResolveAsync(target, Environment(variables), TestContext.Current.CancellationToken);

    private Dictionary<string, string> Environment(params (string Name, string Value)[] variables)
    {
        var environment = new Dictionary<string, string> { ["HOME"] = _folder.Path, ["PGSYSCONFDIR"] = _folder.Path };
        foreach (var (name, value) in variables)
        {
            environment[name] = value;
        }

        return environment;
    }
}
