#!/usr/bin/python3
"""Pushes the peer benchmark's change with Netmiko, the way nw-edit's seed system ran it.

Canary first (alone, no retry), then the rest in a ThreadPoolExecutor. Each device: connect,
``show running-config`` (pre-check), ``send_config_set`` of the 5 lines, ``save_config``,
``show running-config`` (post-check), disconnect. Reads the device simulator's inventory CSV
(host, port, device_type, username, password, ...), prints one JSON summary line on stdout:
``{"devices": N, "succeeded": S, "failed": F, "canary_ok": bool, "errors": {...}}`` (error
messages counted by exception type; never credentials).

Run with Debian's interpreter (``/usr/bin/python3``), where ``python3-netmiko`` is importable.
"""

import argparse
import csv
import inspect
import json
import sys
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

from netmiko import ConnectHandler
from netmiko.base_connection import BaseConnection

CHANGE = [
    "ntp server 10.9.9.9",
    "ntp server 10.9.9.10",
    "logging host 10.1.1.1",
    "snmp-server location lab",
    "ip domain-name example.net",
]
CHECK = "show running-config"
# The seed system's read timeout for commands and config sets (seconds). Netmiko 2.x (Debian
# bookworm ships 2.4.2) has no ``read_timeout`` argument: its own default loop bound applies.
READ_TIMEOUT = 20
TIMEOUT_KW = (
    {"read_timeout": READ_TIMEOUT}
    if "read_timeout" in inspect.signature(BaseConnection.send_command).parameters
    else {}
)


def load_devices(path):
    """The inventory rows as Netmiko connection parameters."""
    with open(path, newline="", encoding="utf-8") as handle:
        return [
            {
                "device_type": row["device_type"],
                "host": row["host"],
                "port": int(row["port"] or 22),
                "username": row["username"],
                "password": row["password"],
                "secret": row.get("enable_secret") or "",
                "timeout": 10,
            }
            for row in csv.DictReader(handle)
        ]


def push(device):
    """Runs the change on one device; returns None on success or the exception type's name."""
    try:
        conn = ConnectHandler(**device)
        try:
            conn.send_command(CHECK, **TIMEOUT_KW)
            conn.send_config_set(CHANGE, **TIMEOUT_KW)
            conn.save_config()
            conn.send_command(CHECK, **TIMEOUT_KW)
        finally:
            conn.disconnect()
        return None
    except Exception as error:  # noqa: BLE001 - a benchmark counts every failure kind
        return type(error).__name__


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inventory", required=True, help="inventory CSV of the simulator")
    parser.add_argument("--workers", type=int, default=50, help="thread pool size")
    args = parser.parse_args()
    devices = load_devices(args.inventory)
    errors = Counter()
    canary_error = push(devices[0]) if devices else "NoDevices"
    outcomes = [canary_error]
    if canary_error is None:
        with ThreadPoolExecutor(max_workers=args.workers) as pool:
            outcomes.extend(pool.map(push, devices[1:]))
    for outcome in outcomes:
        if outcome is not None:
            errors[outcome] += 1
    failed = sum(errors.values()) + (len(devices) - len(outcomes))
    summary = {
        "devices": len(devices),
        "succeeded": len(devices) - failed,
        "failed": failed,
        "canary_ok": canary_error is None,
        "errors": dict(errors),
    }
    print(json.dumps(summary))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
