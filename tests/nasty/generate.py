#!/usr/bin/env python3
"""Writes the nasty inputs in this directory (see README.md).

The files are checked in; run this only to remake them on purpose:
    python3 tests/nasty/generate.py            # into tests/nasty/
    python3 tests/nasty/generate.py --huge F   # also a ~2 MB one-line JSONL to F
Everything is deterministic: the same bytes on every run.
"""
import os
import sys
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))


def write(name, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


def lcg_bytes(n, seed=20250704):
    """n pseudo-random bytes from a fixed linear congruential generator."""
    out = bytearray()
    x = seed
    while len(out) < n:
        x = (x * 6364136223846793005 + 1442695040888963407) % (1 << 64)
        out.append((x >> 33) & 0xFF)
    # Plenty of NULs, and never a '{' or white space first (so it is not
    # taken for JSONL).
    for i in range(0, n, 97):
        out[i] = 0
    out[0] = 0x8F
    return bytes(out)


def main():
    write("empty.txt", b"")
    write("empty.jsonl", b"")
    write("binary.bin", lcg_bytes(4096))

    # 40,000 levels of arrays (80 KB) between two good documents.
    depth = 40000
    write("deep-nesting.jsonl",
          '{"id":"before","text":"The council met on Tuesday."}\n'
          + '{"id":"deep","text":' + "[" * depth + "]" * depth + "}\n"
          + '{"id":"after","text":"The council met again on Friday."}\n')

    # A three-document JSONL, gzip-compressed with a full flush after each
    # line, cut in the middle of the third line's compressed data.
    lines = [
        '{"id":"t1","date":"2025-03-01","text":"The mayor opened the new bridge over the river."}\n',
        '{"id":"t2","date":"2025-03-02","text":"Farmers in the valley protested against the water tax."}\n',
        '{"id":"t3","date":"2025-03-03","text":"The two ministers agreed to meet again next month in the capital."}\n',
    ]
    c = zlib.compressobj(6, zlib.DEFLATED, 31)
    parts = [c.compress(l.encode()) + c.flush(zlib.Z_FULL_FLUSH) for l in lines]
    parts.append(c.flush(zlib.Z_FINISH))
    head = b"".join(parts[:2])
    third = parts[2]
    write("truncated.jsonl.gz", head + third[: len(third) // 2])

    # Invalid UTF-8 of several kinds inside ordinary sentences.
    write("bad-utf8.txt",
          b"The caf\xe9 near the station closed early.\n"
          b"A lone continuation byte \x80 sits here, and a cut sequence \xe2\x82 there.\n"
          b"An overlong slash \xc0\xaf and a surrogate \xed\xa0\x80 follow.\n"
          b"The last byte is a lead byte with nothing after it \xc3")

    write("only-headers.txt",
          "id: headers-only\ndate: 2025-02-14\ntitle: A file with a header and nothing else\n")

    write("not-object.jsonl",
          '[{"id":"in-array","text":"An object inside an array is not a document."}]\n'
          '"just a string"\n'
          "42\n"
          "null\n"
          '{"id":"fine","text":"This line is a proper document."}\n'
          "true\n")

    write("bad-date.jsonl",
          '{"id":"d1","date":"2025-13-40","text":"A month that does not exist."}\n'
          '{"id":"d2","date":"2023-02-29","text":"Not a leap year."}\n'
          '{"id":"d3","date":"04/07/2025","text":"The wrong order and separators."}\n'
          '{"id":"d4","date":"2025-07-04T09:15:00Z","text":"A full timestamp is fine."}\n'
          '{"id":"d5","date":20250704,"text":"A number is not a date string."}\n'
          '{"id":"d6","date":"2024-02-29","text":"A real leap day."}\n')

    write("crlf-bom.txt",
          "\ufeffid: crlf-1\r\ndate: 2025-05-05\r\ntitle: Windows line endings\r\n\r\n"
          "The committee approved the budget on Monday.\r\n"
          "\u201cWe are pleased,\u201d the chair said.\r\n")

    write("malformed.jsonl",
          '{"id":"m1","text":"The first line is fine."}\n'
          '{"id":"m2","text":"The closing brace is missing."\n'
          "\n"
          '{"id":"m3" "text":"A comma is missing."}\n'
          '{"id":"m4","text":"Trailing garbage follows."} x\n'
          '{"id":"m5"}\n'
          '{"id":"m6","text":"   "}\n'
          '{"id":"m7","text":"The last line is fine too."}\n')

    if len(sys.argv) == 3 and sys.argv[1] == "--huge":
        sentence = "The delegation arrived late and the talks went on into the night. "
        text = sentence * (2_000_000 // len(sentence))
        with open(sys.argv[2], "w") as f:
            f.write('{"id":"huge","text":"%s"}\n' % text)
            f.write('{"id":"small","text":"A short document after the long one."}\n')


if __name__ == "__main__":
    main()
