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
