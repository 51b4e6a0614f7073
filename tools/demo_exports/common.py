"""Shared pieces of the demo generator: seeds, dates, CSV writing, people and hosts."""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import uuid
from dataclasses import dataclass, field
from pathlib import Path

AS_OF = dt.date(2026, 9, 30)
SEED = "auditpack-demo-2026-09-30"
UTC = dt.timezone.utc
EDT = dt.timezone(dt.timedelta(hours=-4))  # both demos are on US Eastern time, in daylight saving
DEMOS = ("credit-union", "law-firm")
DEFAULT_OUT = Path(__file__).resolve().parents[2] / "src" / "auditpack" / "demo"
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def day(offset: int) -> dt.date:
    """Return the date `offset` days from the as-of date."""
    return AS_OF + dt.timedelta(days=offset)


def at(offset: int, hh: int, mm: int = 0, ss: int = 0, tz: dt.tzinfo = UTC) -> dt.datetime:
    """Return a moment on the day `offset` days from the as-of date."""
    d = day(offset)
    return dt.datetime(d.year, d.month, d.day, hh, mm, ss, tzinfo=tz)


def long_date(d: dt.date) -> str:
    """'18 August 2026' (no locale involved)."""
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def rng(demo: str, name: str) -> random.Random:
    """A generator of its own for each file, so that changing one file leaves the others alone."""
    return random.Random(f"{SEED}/{demo}/{name}")


def guid(r: random.Random) -> str:
    """A random (version 4) GUID drawn from `r`."""
    return str(uuid.UUID(int=r.getrandbits(128), version=4))


def hexid(r: random.Random, n: int) -> str:
    """`n` random hex digits."""
    return f"{r.getrandbits(4 * n):0{n}x}"


def iso_z(t: dt.datetime, r: random.Random | None = None, digits: int = 0) -> str:
    """UTC ISO 8601 with a Z, optionally with `digits` random fractional digits (as APIs give)."""
    t = t.astimezone(UTC)
    frac = f".{r.randrange(10 ** digits):0{digits}d}" if r is not None and digits else ""
    return t.strftime("%Y-%m-%dT%H:%M:%S") + frac + "Z"


def iso_local(t: dt.datetime, r: random.Random, digits: int = 7) -> str:
    """Local ISO 8601 with offset and fractional seconds, as the Veeam REST API writes it."""
    base = t.strftime("%Y-%m-%dT%H:%M:%S")
    off = t.strftime("%z")
    return f"{base}.{r.randrange(10 ** digits):0{digits}d}{off[:3]}:{off[3:]}"


def us_datetime(t: dt.datetime, seconds: bool = True) -> str:
    """en-US 'M/D/YYYY h:mm:ss AM', as PowerShell's Export-Csv renders a DateTime."""
    hour = t.hour % 12 or 12
    ampm = "AM" if t.hour < 12 else "PM"
    sec = f":{t.second:02d}" if seconds else ""
    return f"{t.month}/{t.day}/{t.year} {hour}:{t.minute:02d}{sec} {ampm}"


def epoch(t: dt.datetime, r: random.Random) -> str:
    """Epoch seconds with a fraction, as the NinjaOne API gives timestamps."""
    return f"{int(t.timestamp())}.{r.randrange(1000000):06d}".rstrip("0").rstrip(".")


def csv_bytes(header: list[str], rows: list[list[str]], *, quote_all: bool = False,
              crlf: bool = False) -> bytes:
    """Render a CSV file; every row must be as wide as the header."""
    buf = io.StringIO()
    writer = csv.writer(buf, quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL,
                        lineterminator="\r\n" if crlf else "\n")
    writer.writerow(header)
    for row in rows:
        if len(row) != len(header):
            raise ValueError(f"row of {len(row)} fields under a header of {len(header)}: {row}")
        writer.writerow(row)
    return buf.getvalue().encode("utf-8")


def ps_bool(value: bool) -> str:
    """PowerShell's rendering of a boolean."""
    return "True" if value else "False"


def js_bool(value: bool) -> str:
    """JSON's rendering of a boolean."""
    return "true" if value else "false"


FIRST = """Aaron Abigail Adam Alana Alex Alicia Amanda Amber Andre Andrea Angela Anna Anthony
April Ashley Austin Bailey Benjamin Bianca Brandon Brenda Brian Brittany Caleb Cameron Carlos
Caroline Carrie Casey Catherine Chad Chelsea Chris Christine Claire Cody Colleen Connor
Courtney Craig Crystal Daniel Danielle David Deborah Denise Derrick Diana Dominic Donna Dylan
Elaine Elijah Elizabeth Emily Emma Eric Erin Ethan Evan Faith Felicia Frank Gabriel Gail Gina
Gregory Hailey Heather Holly Isaac Jacob Jade Jamal James Janet Jasmine Jason Jenna Jennifer
Jeremy Jessica Joanna Joel John Jordan Joseph Joshua Julia Justin Kaitlyn Karen Katherine
Kayla Keith Kelly Kendra Kimberly Kristen Kyle Laura Leah Leon Linda Lisa Logan Lucas Lydia
Madison Mark Martin Matthew Megan Michael Michelle Miguel Molly Monica Morgan Natalie Nicole
Noah Olivia Owen Paige Patrick Paul Peter Rachel Rebecca Ricardo Robert Rosa Ryan Samantha
Samuel Sara Scott Shannon Sophie Stephanie Steven Tanya Taylor Teresa Thomas Tiffany Timothy
Travis Trevor Valerie Vanessa Victor Victoria Wesley Whitney William Yasmin Zachary""".split()

LAST = """Abbott Albert Alvarez Andrews Arsenault Bailey Barnes Beaulieu Bergeron Bishop Boucher
Bowen Brennan Brooks Bryant Caldwell Carver Chandler Chen Cloutier Cole Collins Cote Crane Cyr
Daigle Dalton Day Delaney Dionne Doyle Dube Duffy Dunn Ellis Emery Farrell Fitzgerald Fleming
Fortin Foster Gagnon Garcia Gardner Gauthier Gilbert Goodwin Grant Graves Griffin Hale Hammond
Hanson Harding Hartley Hayes Hebert Hodgdon Holt Hopkins Howard Hughes Ingalls Jacobs Jensen
Joyce Kang Keller Kennedy Kimball Knox Labbe Lachance Lambert Landry Larkin Leblanc Levesque
Lin Lombard Lowell Lynch Mahoney Martel Mason McCarthy McKenna Merrill Michaud Moody Morin
Moulton Murphy Nadeau Nash Nolan Norton Paquette Parent Parker Patel Perry Poirier Porter
Pratt Quimby Quintal Ramos Reed Reynolds Richard Roberge Rollins Rousseau Russell Sanborn
Saucier Sawyer Simard Small Snow Soucy Spencer Stanley Stevens Sullivan Tardif Thibodeau
Thompson Tran Tucker Turcotte Vachon Vaughn Violette Wade Walsh Webber Wells Whitney Wilder
Wing Wood Wyman Yates York Young Zhang""".split()


@dataclass
class Person:
    """A directory entry: staff member, admin account, break-glass account, guest or mailbox."""

    first: str
    last: str
    upn: str
    kind: str = "staff"          # staff | admin | breakglass | guest | shared
    title: str = ""
    site: str = ""
    enabled: bool = True
    left: dt.date | None = None
    started: dt.date | None = None
    display: str = ""
    mfa: bool = True
    login: str = ""              # DMS login (law firm)

    @property
    def name(self) -> str:
        """The display name."""
        return self.display or f"{self.first} {self.last}"


def draw_names(r: random.Random, count: int, taken: set[tuple[str, str]]) -> list[tuple[str, str]]:
    """Draw `count` distinct (first, last) pairs not in `taken` (which is updated)."""
    out: list[tuple[str, str]] = []
    while len(out) < count:
        pair = (r.choice(FIRST), r.choice(LAST))
        if pair not in taken:
            taken.add(pair)
            out.append(pair)
    return out


@dataclass
class Device:
    """A managed machine, as the RMM sees it (and, usually, the EDR too)."""

    host: str                    # canonical NetBIOS name, upper case
    node_class: str              # NinjaOne nodeClass
    role: str                    # desktop | laptop | teller | contact | server | mac
    site: str                    # site code
    os_name: str
    release: str
    build: str
    created: dt.datetime
    last_contact: dt.datetime
    offline: bool = False
    domain: str | None = None    # AD DNS domain when domain-joined
    display: str = ""
    ip: str = ""
    edr: str = "ok"              # ok | none | stale | duplicate
    approval: str = "APPROVED"
    tags: list[str] = field(default_factory=list)
    ninja_id: int = 0            # NinjaOne device id: increases with enrolment

    @property
    def fqdn(self) -> str:
        """The DNS name, as the RMM reports it."""
        return f"{self.host}.{self.domain}" if self.domain else self.host

    @property
    def windows(self) -> bool:
        """Whether Windows Update applies."""
        return self.node_class.startswith("WINDOWS")


def number_devices(r: random.Random, devices: list[Device], first: int) -> None:
    """Give each device its NinjaOne id, in enrolment order with gaps (other clients enrol in between)."""
    number = first
    for d in sorted(devices, key=lambda d: (d.created, d.host)):
        number += r.randint(1, 9)
        d.ninja_id = number


def last_contacts(r: random.Random, devices: list[Device], export: dt.datetime) -> None:
    """Give each device a plausible last contact before the export (laptops may be off for days)."""
    for d in devices:
        if d.role == "laptop" or d.role == "mac":
            roll = r.random()
            if roll < 0.55:
                d.last_contact = export - dt.timedelta(minutes=r.randint(1, 50))
            elif roll < 0.85:  # closed at the end of yesterday's work
                d.last_contact = at(-2, 21, r.randint(0, 59), r.randint(0, 59)) + dt.timedelta(
                    minutes=r.randint(0, 150))
                d.offline = True
            else:  # away for a few days, still inside Defender's 7-day window
                d.last_contact = export - dt.timedelta(days=r.randint(2, 5), minutes=r.randint(0, 900))
                d.offline = True
        else:
            d.last_contact = export - dt.timedelta(seconds=r.randint(20, 2400))


# =============================================================================================
