"""An independent CQL client for the interoperability tests: Debian's python3-cassandra (DataStax Python driver).

    python_client.py read HOST KEYSPACE ID    prints the interop row as JSON
    python_client.py write HOST KEYSPACE ID   writes the interop row with the values below
"""
import calendar
import datetime
import decimal
import json
import sys
import uuid

from cassandra.cluster import Cluster

COLUMNS = "id, a, t, i, bi, b, f, d, dec, vi, ts, u, tu, bl, ip, li, st, mp"


def python_row(row_id):
    return (
        row_id, "ascii-py", "Grüße aus Python 🐍 東京", -42, 9007199254740993, True, 1.5, -2.25,
        decimal.Decimal("-12345.6789"), 10 ** 30,
        datetime.datetime(2024, 2, 29, 12, 34, 56, 789000, tzinfo=datetime.timezone.utc),
        uuid.UUID("0f8fad5b-d9cb-469f-a165-70867728950e"), uuid.UUID("8b5b0f60-9a4e-11ee-8c90-0242ac120002"),
        b"\x00\x01\xfe\xff", "2001:db8::1", [3, 1, 2], {"x", "y"}, {"one": 1, "two": 2},
    )


def to_json(row):
    ts = row.ts
    return {
        "id": row.id, "a": row.a, "t": row.t, "i": row.i, "bi": row.bi, "b": row.b, "f": row.f, "d": row.d,
        "dec": str(row.dec), "vi": str(row.vi),
        "ts": calendar.timegm(ts.utctimetuple()) * 1000 + ts.microsecond // 1000,
        "u": str(row.u), "tu": str(row.tu), "bl": row.bl.hex(), "ip": row.ip,
        "li": list(row.li or []), "st": sorted(row.st or []), "mp": dict(row.mp or {}),
    }


def main():
    mode, host, keyspace, row_id = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    cluster = Cluster([host], protocol_version=3)
    try:
        session = cluster.connect(keyspace)
        if mode == "write":
            marks = ", ".join(["%s"] * len(COLUMNS.split(",")))
            session.execute(f"INSERT INTO interop ({COLUMNS}) VALUES ({marks})", python_row(row_id))
            print("written")
        else:
            row = session.execute(f"SELECT {COLUMNS} FROM interop WHERE id = %s", (row_id,)).one()
            print(json.dumps(to_json(row), ensure_ascii=False))
    finally:
        cluster.shutdown()


if __name__ == "__main__":
    main()
