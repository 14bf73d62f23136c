"""The stream pre-check decodes each filter layer as qpdf does, counting bytes up to a cap."""
import random
import zlib

import pikepdf
import pytest

from pdf_factory import lzw_encoded, lzw_zeros
from workplan.extract.memory import decoded_size


def qpdf_decoded(data: bytes, filters: list[str]) -> bytes:
    with pikepdf.new() as pdf:
        stream = pikepdf.Stream(pdf, b"")
        stream.write(data, filter=pikepdf.Array([pikepdf.Name(f) for f in filters]))
        return stream.read_bytes(decode_level=pikepdf.StreamDecodeLevel.specialized)


def _words(seed: int, count: int) -> bytes:
    rng = random.Random(seed)
    return bytes(rng.choice(b"abcdefgh \n") for _ in range(count))


@pytest.mark.parametrize("data", [_words(1, 300_000), b"BT (x) Tj ET\n" * 2000, bytes(range(256)) * 40, b""])
def test_lzw_is_measured_as_qpdf_decodes_it(data):
    encoded = lzw_encoded(data)
    assert len(qpdf_decoded(encoded, ["/LZWDecode"])) == decoded_size(encoded, ["/LZWDecode"], 1 << 30) == len(data)


def test_run_length_is_measured_as_qpdf_decodes_it():
    encoded = b"\x02abc" + b"\xfd\x00" * 1000 + b"\x01xy" + b"\x80"
    assert decoded_size(encoded, ["/RunLengthDecode"], 1 << 30) == len(qpdf_decoded(encoded, ["/RunLengthDecode"])) == 3 + 4000 + 2


@pytest.mark.parametrize("inner, encoded", [("/LZWDecode", lzw_zeros(300 << 20)), ("/RunLengthDecode", b"\x81\x00" * (300 << 13))])
def test_a_layer_under_flate_is_counted_only_up_to_the_cap(inner, encoded):
    raw = zlib.compress(encoded, 9)
    assert len(raw) < 1 << 20  # kilobytes on disk
    cap = 16 << 20
    measured = decoded_size(raw, ["/FlateDecode", inner], cap)
    assert cap < measured <= cap + (2 << 20)  # stopped just past the cap, never decoded whole


def test_an_image_codec_is_not_measured():
    assert decoded_size(b"\xff\xd8", ["/FlateDecode", "/DCTDecode"], 1 << 20) is None


def test_damage_in_a_flate_layer_is_described():
    data = b"BT (x) Tj ET\n" * 2000
    whole = zlib.compress(data)
    damage: list[str] = []
    assert decoded_size(whole, ["/FlateDecode"], 1 << 30, damage) == len(data) and damage == []
    assert decoded_size(whole[:len(whole) // 2], ["/FlateDecode"], 1 << 30, damage) < len(data)
    assert damage == [f"its compressed data breaks off after {decoded_size(whole[:len(whole) // 2], ['/FlateDecode'], 1 << 30):,} decoded bytes"]
    corrupt = bytearray(zlib.compress(_words(2, 20_000)))
    corrupt[len(corrupt) // 2:len(corrupt) // 2 + 40] = bytes(40)
    damage.clear()
    assert decoded_size(bytes(corrupt), ["/FlateDecode"], 1 << 30, damage) < 20_000
    assert damage and damage[0].startswith("its compressed data is corrupt after")


def test_a_wrong_checksum_or_an_empty_stream_is_no_damage():
    """Only the Adler-32 checksum is wrong: every byte decodes, as pdfium and qpdf read it."""
    wrong_checksum = zlib.compress(b"BT (x) Tj ET\n" * 200)[:-4] + b"\0\0\0\0"
    damage: list[str] = []
    decoded_size(wrong_checksum, ["/FlateDecode"], 1 << 30, damage)
    assert decoded_size(b"", ["/FlateDecode"], 1 << 30, damage) == 0
    assert damage == []
