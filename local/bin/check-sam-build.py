#!/usr/bin/env python3
"""Checks what `sam build` made (.aws-sam/build) and prints its sizes.

- every function's handler class is in its artifact, and no function carries the worker's natives (ONNX Runtime,
  libvips, the model: those come from the layers, so the API functions stay small);
- every ELF file of the layers is arm64 (AArch64, 64-bit, little-endian), and each library it needs (DT_NEEDED) is
  in the layer itself or in the Lambda java25 image (Amazon Linux 2023: glibc and the GCC runtime);
- the cut-out model has its published sha256, and the licences travel with the binaries.
Exits 1 naming every problem. Standard library only. Usage: check-sam-build.py <.aws-sam/build>
"""
import hashlib
import io
import os
import re
import struct
import sys
import zipfile

MODEL_SHA256 = "309c8469258dda742793dce0ebea8e6dd393174f89934733ecc8b14c76f4ddd8"
EM_AARCH64 = 183
# Amazon Linux 2023's glibc and GCC runtime, present in Lambda's java25 image (its JVM links against them).
BASE_LIBRARIES = {
    "libc.so.6", "libm.so.6", "libdl.so.2", "libpthread.so.0", "librt.so.1", "libresolv.so.2", "ld-linux-aarch64.so.1",
    "libgcc_s.so.1", "libstdc++.so.6",
}
# What only the worker's layers may carry.
WORKER_ONLY = re.compile(r"(onnxruntime|libvips|u2netp\.onnx)", re.IGNORECASE)

problems = []


def problem(text):
    problems.append(text)
    print("  PROBLEM: " + text)


def tree_size(path):
    total = 0
    for folder, _, files in os.walk(path):
        for name in files:
            total += os.path.getsize(os.path.join(folder, name))
    return total


ZIPPED = {}


def zipped_size(path):
    """The size of the deployment package SAM would upload (deflate, as `sam package` zips it); the seven functions share
    one build, so identical folders are zipped once."""
    files = sorted((os.path.relpath(os.path.join(d, n), path), os.path.getsize(os.path.join(d, n)))
                   for d, _, names in os.walk(path) for n in names)
    key = hashlib.sha256(repr(files).encode()).hexdigest()
    if key not in ZIPPED:
        ZIPPED[key] = zip_folder(path)
    return ZIPPED[key]


def zip_folder(path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for folder, _, files in os.walk(path):
            for name in sorted(files):
                full = os.path.join(folder, name)
                archive.write(full, os.path.relpath(full, path))
    return buffer.tell()


def mb(size):
    return "%.1f MB" % (size / 1_000_000)


def elf_info(path):
    """(machine, class, NEEDED names, SONAME) of an ELF file, or None if it is not one. Reads the dynamic segment."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:4] != b"\x7fELF":
        return None
    elf_class, endian = data[4], data[5]
    if elf_class != 2 or endian != 1:
        return (None, elf_class, [], None)
    (e_type, e_machine, _, _, e_phoff, _, _, _, e_phentsize, e_phnum) = struct.unpack_from("<HHIQQQIHHH", data, 16)
    segments = []
    dynamic = None
    for i in range(e_phnum):
        p_type, _, p_offset, p_vaddr, _, p_filesz, _, _ = struct.unpack_from("<IIQQQQQQ", data, e_phoff + i * e_phentsize)
        if p_type == 1:  # PT_LOAD
            segments.append((p_vaddr, p_offset, p_filesz))
        elif p_type == 2:  # PT_DYNAMIC
            dynamic = (p_offset, p_filesz)
    needed_offsets, strtab, soname_offset = [], None, None
    if dynamic:
        for at in range(dynamic[0], dynamic[0] + dynamic[1], 16):
            tag, value = struct.unpack_from("<qQ", data, at)
            if tag == 0:
                break
            if tag == 1:  # DT_NEEDED
                needed_offsets.append(value)
            elif tag == 14:  # DT_SONAME
                soname_offset = value
            elif tag == 5:  # DT_STRTAB (a virtual address)
                strtab = value
    needed, soname = [], None
    if strtab is not None:
        base = next((offset + strtab - vaddr for vaddr, offset, size in segments if vaddr <= strtab < vaddr + size), None)

        def text(offset):
            start = base + offset
            return data[start:data.index(b"\0", start)].decode()
        needed = [text(offset) for offset in needed_offsets]
        soname = text(soname_offset) if soname_offset is not None else None
    return (e_machine, elf_class, needed, soname)


def check_functions(build, resources):
    print("Functions (handler class, no worker natives, size unzipped / zipped):")
    sizes = {}
    for name, body in resources:
        if body["type"] != "AWS::Serverless::Function":
            continue
        folder = os.path.join(build, name)
        handler = body["Handler"].split("::")[0]
        class_file = os.path.join(folder, *handler.split(".")) + ".class"
        if not os.path.isfile(class_file):
            problem("%s: handler class %s is not in %s" % (name, handler, folder))
        for root, _, files in os.walk(folder):
            for file in files:
                if WORKER_ONLY.search(file):
                    problem("%s carries %s (the worker's layers have it)" % (name, os.path.join(root, file)))
        jars = len(os.listdir(os.path.join(folder, "lib"))) if os.path.isdir(os.path.join(folder, "lib")) else 0
        sizes[name] = (tree_size(folder), zipped_size(folder))
        print("  %-22s %-55s %9s / %9s  (%d jars)" % (name, handler, mb(sizes[name][0]), mb(sizes[name][1]), jars))
    return sizes


def check_layer(build, name):
    folder = os.path.join(build, name)
    libraries = {}
    for root, _, files in os.walk(folder):
        for file in files:
            info = elf_info(os.path.join(root, file))
            if info is not None:
                libraries[os.path.relpath(os.path.join(root, file), folder)] = info
    # The dynamic linker matches NEEDED against the file names it searches and the SONAMEs of what is already loaded
    # (ONNX Runtime's Java API loads libonnxruntime.so by path before its JNI library, which needs libonnxruntime.so.1).
    own = {os.path.basename(path) for path in libraries} | {info[3] for info in libraries.values() if info[3]}
    print("%s: %s unzipped / %s zipped, %d ELF files" % (name, mb(tree_size(folder)), mb(zipped_size(folder)), len(libraries)))
    if not libraries and name == "LibvipsLayer":
        problem("LibvipsLayer has no shared library")
    for path, (machine, elf_class, needed, _) in sorted(libraries.items()):
        arch = "AArch64" if machine == EM_AARCH64 and elf_class == 2 else "machine %s class %s" % (machine, elf_class)
        if arch != "AArch64":
            problem("%s/%s is %s, not arm64" % (name, path, arch))
        missing = [n for n in needed if n not in own and n not in BASE_LIBRARIES]
        in_base = [n for n in needed if n in BASE_LIBRARIES]
        in_layer = [n for n in needed if n in own]
        print("  %-42s %-8s NEEDED in layer: %s; in AL2023: %s" % (path, arch, ", ".join(in_layer) or "-", ", ".join(in_base) or "-"))
        for n in missing:
            problem("%s/%s needs %s, which is neither in the layer nor in Amazon Linux 2023's base" % (name, path, n))
    return libraries


def check_layer_contents(build):
    libvips = os.path.join(build, "LibvipsLayer", "libvips")
    if not os.path.isfile(os.path.join(libvips, "THIRD-PARTY-LICENSES.md")):
        problem("LibvipsLayer: libvips/THIRD-PARTY-LICENSES.md (LGPL-3.0 and the bundled libraries' licences) is missing")
    onnx = os.path.join(build, "OnnxLayer")
    model = os.path.join(onnx, "models", "u2netp.onnx")
    if not os.path.isfile(model):
        problem("OnnxLayer: models/u2netp.onnx is missing")
    else:
        with open(model, "rb") as f:
            digest = hashlib.sha256(f.read()).hexdigest()
        print("OnnxLayer: models/u2netp.onnx sha256 %s %s" % (digest, "(expected)" if digest == MODEL_SHA256 else "(WRONG)"))
        if digest != MODEL_SHA256:
            problem("OnnxLayer: u2netp.onnx has sha256 %s, not %s" % (digest, MODEL_SHA256))
    if not os.path.isfile(os.path.join(onnx, "models", "NOTICE-u2netp.txt")):
        problem("OnnxLayer: models/NOTICE-u2netp.txt (the model's Apache-2.0 attribution) is missing")
    jars = [j for j in os.listdir(os.path.join(onnx, "java", "lib"))] if os.path.isdir(os.path.join(onnx, "java", "lib")) else []
    if len(jars) != 1:
        problem("OnnxLayer: expected one jar in java/lib, found %s" % jars)
    else:
        with zipfile.ZipFile(os.path.join(onnx, "java", "lib", jars[0])) as jar:
            names = jar.namelist()
        notices = [n for n in names if re.search(r"(LICENSE|NOTICE|ThirdPartyNotices)", n, re.IGNORECASE)]
        natives = [n for n in names if n.startswith("ai/onnxruntime/native/") and not n.endswith("/")]
        print("OnnxLayer: java/lib/%s: licence files %s; natives left in the jar: %d" % (jars[0], notices or "none", len(natives)))
        if not notices:
            problem("OnnxLayer: %s carries no licence file" % jars[0])
        if natives:
            problem("OnnxLayer: %s still carries natives %s" % (jars[0], natives[:3]))


def built_resources(build):
    """(logical id, {type, Handler}) of the built template, read line by line: SAM writes it in plain block style."""
    resources, current, section = [], None, None
    with open(os.path.join(build, "template.yaml")) as f:
        for line in f:
            if re.match(r"^\S", line):
                section = line.strip().rstrip(":")
                continue
            if section != "Resources":
                continue
            m = re.match(r"^  (\w+):\s*$", line)
            if m:
                current = {"type": None, "Handler": None}
                resources.append((m.group(1), current))
                continue
            m = re.match(r"^    Type: (\S+)", line)
            if m and current is not None:
                current["type"] = m.group(1).strip("'\"")
            m = re.match(r"^      Handler: (\S+)", line)
            if m and current is not None:
                current["Handler"] = m.group(1).strip("'\"")
    return resources


def main():
    build = sys.argv[1] if len(sys.argv) > 1 else ".aws-sam/build"
    resources = built_resources(build)
    sizes = check_functions(build, resources)
    layers = ("LibvipsLayer", "OnnxLayer")
    for layer in layers:
        check_layer(build, layer)
    check_layer_contents(build)
    # Lambda's limit: a function and all its layers, unzipped, within 250 MB. The worker carries both layers.
    worker = sizes["WorkerFunction"][0] + sum(tree_size(os.path.join(build, layer)) for layer in layers)
    print("WorkerFunction with its layers: %s unzipped (Lambda's limit: 262.1 MB)" % mb(worker))
    if worker > 262_144_000:
        problem("WorkerFunction with its layers is %s unzipped, over Lambda's 250 MiB" % mb(worker))
    if problems:
        print("sam build output: %d problem(s)" % len(problems))
        sys.exit(1)
    print("sam build output: OK")


if __name__ == "__main__":
    main()
