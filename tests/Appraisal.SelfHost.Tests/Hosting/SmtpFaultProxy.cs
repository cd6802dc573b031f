using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Appraisal.SelfHost.Tests.Hosting;

/// <summary>What <see cref="SmtpFaultProxy"/> does to the next connections.</summary>
public enum SmtpFault
{
    /// <summary>Passes everything through.</summary>
    None,

    /// <summary>Accepts and resets the connection at once (TCP RST), before any greeting.</summary>
    Reset,

    /// <summary>Passes the server's greeting, then closes the connection.</summary>
    DropAfterGreeting,

    /// <summary>Closes the connection when the client sends DATA: the server never sees the message.</summary>
    DropAtData,

    /// <summary>Passes the whole message with its end to the server, then closes the connection instead of passing the
    /// server's reply to it: the server has the mail, the client cannot know.</summary>
    DropAfterDataEnd,

    /// <summary>Turns the server's 5xx replies into 4xx (a server refusing for the time being).</summary>
    TemporaryRefusals,
}

/// <summary>A TCP proxy on loopback between an SMTP client and a real server (smtp4dev) that can refuse, cut or alter
/// the session at a chosen point (<see cref="Fault"/>, read when a connection opens). It reads the session line by
/// line, so it hides CHUNKING (BDAT) from the client: the message then goes with DATA, whose end it can see.</summary>
public sealed class SmtpFaultProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public SmtpFaultProxy(int targetPort)
    {
        _target = targetPort;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public SmtpFault Fault { get; set; }

    /// <summary>How many connections were cut or reset by a fault.</summary>
    public int Faulted => _faulted;

    private int _faulted;

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = Task.Run(() => SessionAsync(client, Fault));
        }
    }

    private async Task SessionAsync(TcpClient client, SmtpFault fault)
    {
        using var _ = client;
        if (fault == SmtpFault.Reset)
        {
            Interlocked.Increment(ref _faulted);
            client.LingerState = new LingerOption(true, 0);
            client.Close();
            return;
        }

        using var server = new TcpClient();
        await server.ConnectAsync(IPAddress.Loopback, _target);
        using var cut = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        var session = new Session();
        void Cut()
        {
            Interlocked.Increment(ref _faulted);
            cut.Cancel();
        }

        var fromClient = PumpAsync(client.GetStream(), server.GetStream(), line => FromClient(line, fault, session, Cut), cut.Token);
        var fromServer = PumpAsync(server.GetStream(), client.GetStream(), line => FromServer(line, fault, session, Cut), cut.Token);
        await Task.WhenAny(fromClient, fromServer);
        await cut.CancelAsync();
        client.Close();
        server.Close();
        await Task.WhenAll(fromClient.ContinueWith(_ => { }, TaskScheduler.Default), fromServer.ContinueWith(_ => { }, TaskScheduler.Default));
    }

    private sealed class Session
    {
        public bool InData { get; set; }

        public volatile bool DataEnded;

        public bool Greeted { get; set; }
    }

    /// <summary>A line from the client: passed on (returned), or null when the connection is cut.</summary>
    private static byte[]? FromClient(byte[] line, SmtpFault fault, Session session, Action cut)
    {
        var text = Encoding.ASCII.GetString(line).TrimEnd('\r', '\n');
        if (!session.InData && text.Equals("DATA", StringComparison.OrdinalIgnoreCase))
        {
            if (fault == SmtpFault.DropAtData)
            {
                cut();
                return null;
            }

            session.InData = true;
        }
        else if (session.InData && text == ".")
        {
            session.InData = false;
            session.DataEnded = true;
        }

        return line;
    }

    private static byte[]? FromServer(byte[] line, SmtpFault fault, Session session, Action cut)
    {
        var text = Encoding.ASCII.GetString(line);
        if (fault == SmtpFault.DropAfterGreeting && session.Greeted)
        {
            cut();
            return null;
        }

        session.Greeted = true;
        if (fault == SmtpFault.DropAfterDataEnd && session.DataEnded)
        {
            cut();
            return null;
        }

        if (text.Length > 4 && text.StartsWith("250", StringComparison.Ordinal) && text[4..].TrimEnd().ToUpperInvariant() is "CHUNKING" or "BINARYMIME")
        {
            return Encoding.ASCII.GetBytes(text[..4] + "X-HIDDEN\r\n");
        }

        if (fault == SmtpFault.TemporaryRefusals && text.StartsWith('5'))
        {
            return Encoding.ASCII.GetBytes("4" + text[1..]);
        }

        return line;
    }

    /// <summary>Copies complete lines from one side to the other, each through <paramref name="pass"/>; stops when a
    /// side closes or a line is not passed.</summary>
    private static async Task PumpAsync(NetworkStream from, NetworkStream to, Func<byte[], byte[]?> pass, CancellationToken cancel)
    {
        var buffer = new byte[16 * 1024];
        var pending = new List<byte>();
        while (true)
        {
            var read = await from.ReadAsync(buffer, cancel);
            if (read == 0)
            {
                return;
            }

            pending.AddRange(buffer.AsSpan(0, read));
            var output = new List<byte>();
            int end;
            while ((end = pending.IndexOf((byte)'\n')) >= 0)
            {
                var line = pending.GetRange(0, end + 1).ToArray();
                pending.RemoveRange(0, end + 1);
                if (pass(line) is not { } passed)
                {
                    if (output.Count > 0)
                    {
                        await to.WriteAsync(output.ToArray(), cancel);
                    }

                    return;
                }

                output.AddRange(passed);
            }

            if (output.Count > 0)
            {
                await to.WriteAsync(output.ToArray(), cancel);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
