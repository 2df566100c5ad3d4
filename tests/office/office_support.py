"""Constants shared by the office tests."""

KEY = b"k" * 40
STRONG = "paars-lantaarn-violist-58"  # passes the quality rule
