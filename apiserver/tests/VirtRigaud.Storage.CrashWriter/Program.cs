using System.Globalization;
using VirtRigaud.Storage;
using VirtRigaud.Storage.Sqlite;

// Usage: VirtRigaud.Storage.CrashWriter <database path>
// Writes /crash/kNNNNNN keys with default (durable) options until killed. After each acknowledged write it prints
// "ack <key> <revision> end" on its own line; the test trusts only complete lines, so a line cut short by the kill
// never counts as acknowledged.
if (args.Length != 1)
{
    await Console.Error.WriteLineAsync("usage: VirtRigaud.Storage.CrashWriter <database path>");
    return 2;
}

await using var storage = await SqliteStorage.OpenAsync(args[0], new StorageOptions(), new SqliteStorageOptions());
var value = new byte[512];
Console.Out.WriteLine("ready");
for (var i = 0; ; i++)
{
    var key = string.Create(CultureInfo.InvariantCulture, $"/crash/k{i:D6}");
    Random.Shared.NextBytes(value);
    var item = await storage.CreateAsync(key, value);
    Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ack {key} {item.Revision} end"));
}
