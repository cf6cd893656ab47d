using System.Runtime.InteropServices;

namespace Nabla.NN.Serialization;

/// <summary>What a path names, following symbolic links: nothing, a directory, a regular file, or something else.</summary>
internal enum FileKind
{
    Missing,
    Directory,
    Regular,
    /// <summary>A character or block device, FIFO or socket (<c>/dev/null</c>, <c>/dev/stdout</c>, <c>mkfifo</c>): written in place, never replaced.</summary>
    Special,
}

/// <summary>Finds the <see cref="FileKind"/> of a path with <c>stat(2)</c> (.NET exposes no file type beyond "directory").</summary>
internal static partial class FileKinds
{
    private const uint TypeMask = 0xF000, RegularType = 0x8000, DirectoryType = 0x4000;

    /// <summary>The kind of <paramref name="path"/> (symbolic links followed).</summary>
    public static FileKind Of(string path)
    {
        if (Directory.Exists(path)) return FileKind.Directory;
        if (!File.Exists(path)) return FileKind.Missing;
        if (StatMode(path) is uint mode)
            return (mode & TypeMask) switch { RegularType => FileKind.Regular, DirectoryType => FileKind.Directory, _ => FileKind.Special };
        // Without stat (not Linux): devices live under /dev; everything else is treated as a regular file.
        return Path.GetFullPath(path).StartsWith("/dev/", StringComparison.Ordinal) ? FileKind.Special : FileKind.Regular;
    }

    // st_mode's offset in glibc's struct stat: 24 on x86-64 (after st_dev, st_ino, st_nlink), 16 on arm64 and others
    // with the generic layout (st_nlink comes after st_mode).
    private static uint? StatMode(string path)
    {
        if (!OperatingSystem.IsLinux()) return null;
        int offset = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => 24,
            Architecture.Arm64 or Architecture.LoongArch64 or Architecture.RiscV64 => 16,
            _ => -1,
        };
        if (offset < 0) return null;
        Span<byte> buffer = stackalloc byte[256];
        try
        {
            if (Stat(path, buffer) != 0) return null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
        return BitConverter.ToUInt32(buffer[offset..]);
    }

    [LibraryImport("libc", EntryPoint = "stat", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Stat(string path, Span<byte> buffer);
}
