"""Package commands: build, verify, keygen."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from ..console import err_console
from ..errors import AuditpackError, IntegrityError
from ..package.build import BuildResult, build_demo, build_package
from ..package.bundle import signing
from ..package.bundle.verify import check_package
from ..workspace.scaffold import DEMOS
from .common import workspace_option


def _period(value: str | None) -> tuple[dt.date, dt.date] | None:
    """Parse START:END."""
    if not value:
        return None
    try:
        start, end = (dt.date.fromisoformat(p) for p in value.split(":"))
    except ValueError:
        raise AuditpackError(f"'{value}' is not START:END", "--period",
                             "use ISO dates, e.g. 2025-10-01:2026-09-30") from None
    if start > end:
        raise AuditpackError("the period starts after it ends", "--period", "swap the dates")
    return start, end


def _summary(result: BuildResult) -> None:
    """Print what the package says and where it is."""
    for line in result.summary:
        click.echo(line)
    if result.folder:
        click.echo(f"folder: {result.folder}")
    click.echo(f"package: {result.zip_path}")
    click.echo(f"sha256:  {result.sha256}")


@click.command("build")
@workspace_option
@click.option("--demo", "demo", is_flag=False, flag_value="credit-union", default=None,
              type=click.Choice(DEMOS), help="Build a bundled demo (default credit-union).")
@click.option("--framework", "frameworks", multiple=True, help="Only this framework (repeatable).")
@click.option("--as-of", "as_of", help="The date the package speaks for (default: the workspace's).")
@click.option("--period", help="START:END the evidence must cover (default: the year to the as-of date).")
@click.option("--sign", "sign_key", type=click.Path(path_type=Path, dir_okay=False),
              help="Sign the manifest with this Ed25519 private key (see `auditpack keygen`).")
@click.option("--keep-folder", is_flag=True, help="Also leave the package as a folder.")
@click.option("--requests", "request_list", metavar="LIST-ID",
              help="Answer the request list requests/LIST-ID.yaml: a Requests sheet, a "
                   "narrative chapter and a folder per request (--demo: the demo's list).")
@click.option("--copy-per-request", is_flag=True,
              help="Also copy each request's evidence into its folder (the manifest covers "
                   "the copies).")
@click.option("--reveal-names", is_flag=True,
              help="Show client and matter names as they are (by default they are pseudonymised "
                   "everywhere in the package, since it leaves the firm).")
@click.option("--no-cache", "no_cache", is_flag=True,
              help="Build from scratch even when nothing changed since the last build (by "
                   "default that build's package, kept in .auditpack/cache/, is reused).")
@click.option("-o", "--output", "out_dir", type=click.Path(path_type=Path, file_okay=False),
              required=True, help="Folder to write the package into.")
@click.option("--quiet", is_flag=True, help="No progress messages.")
def build_cmd(workspace_dir: Path, demo: str | None, frameworks: tuple[str, ...],
              as_of: str | None, period: str | None, sign_key: Path | None, keep_folder: bool,
              request_list: str | None, copy_per_request: bool, reveal_names: bool,
              no_cache: bool, out_dir: Path, quiet: bool) -> None:
    """Build the examiner-ready package: narrative, workbook, evidence, signed manifest, ZIP."""
    show = not quiet and err_console.is_terminal

    def progress(message: str) -> None:
        if show:
            err_console.print(f"[dim]… {message}[/]", markup=True)

    if copy_per_request and not (request_list or demo):
        raise AuditpackError("--copy-per-request needs a request list", "--copy-per-request",
                             "add --requests LIST-ID")
    if demo:
        result = build_demo(out_dir, demo, sign_key, keep_folder, progress, request_list,
                            copy_per_request, reveal_names=reveal_names)
    else:
        day = None
        if as_of:
            try:
                day = dt.date.fromisoformat(as_of)
            except ValueError:
                raise AuditpackError(f"'{as_of}' is not a date", "--as-of",
                                     "use an ISO date, e.g. 2026-09-30") from None
        result = build_package(workspace_dir, out_dir, list(frameworks) or None, day,
                               _period(period), sign_key, keep_folder, progress,
                               requests=request_list, copy_per_request=copy_per_request,
                               reveal_names=reveal_names, use_cache=not no_cache)
    _summary(result)


@click.command("verify")
@click.argument("package", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option("--key", type=click.Path(path_type=Path, dir_okay=False, exists=True),
              help="The signer's public key (PEM), as the organisation gave it to you: the "
                   "signature must hold for this key, not the one inside the package.")
@click.option("--fingerprint", metavar="HEX",
              help="The signer's key fingerprint, as `auditpack keygen` printed it (colons "
                   "optional): the package's key must have it and its signature must hold.")
@click.option("--store", "store", type=click.Path(path_type=Path, file_okay=False, exists=True),
              help="The workspace the package was built from: its evidence store must still "
                   "hold every evidence file and reach the package's chain head (no rollback).")
def verify_cmd(package: Path, key: Path | None, fingerprint: str | None,
               store: Path | None) -> None:
    """Re-hash every file against the manifest and check the signature, offline.

    Without --key or --fingerprint this establishes integrity only: every file is the one
    the manifest lists. Who built the package is established only by a key you pinned:
    anyone who alters a package can sign it again and put their own key inside.

    \b
    Exit codes:
      0  intact and authentic: the signature holds for the key you pinned
      2  a problem (named): a file changed, added or missing, a signature that does not
         hold, another key than the pinned one, unsafe entry names, not a package
      3  intact, but authenticity is not established: unsigned, or signed by a key you
         have not pinned (its fingerprint is printed)
    """
    result = check_package(package, key, fingerprint)
    if result.problems:
        raise IntegrityError(f"the package failed verification ({len(result.problems)} "
                             "problem(s))", str(package),
                             "do not rely on this package; ask for a new copy",
                             problems=result.problems)
    click.echo(f"intact: {package.name}: every file matches its manifest hash and SHA256SUMS "
               "(integrity)")
    if store is not None:
        from ..package.bundle.in_store import package_in_store

        missing = package_in_store(package, store)
        if missing:
            raise IntegrityError(f"the evidence store does not hold this package's evidence "
                                 f"({len(missing)} problem(s))", str(store),
                                 "see each problem", problems=missing)
        click.echo(f"in the store: {store} still holds every evidence file of the package and "
                   "reaches its chain head")
    if result.authentic:
        click.echo("authentic: the signature holds for the key you pinned: fingerprint "
                   f"{result.fingerprint}")
        return
    if result.signed:
        click.echo("authenticity is not established: signed by a key you have not pinned: "
                   f"fingerprint {result.fingerprint}")
        click.echo("  compare it with the fingerprint the organisation gave you separately, "
                   "then run again with --fingerprint FINGERPRINT (or --key THEIR-KEY.pub)")
    else:
        click.echo("authenticity is not established: the package is not signed, so nothing "
                   "shows who built it")
    click.get_current_context().exit(3)


@click.command("keygen")
@click.argument("prefix", type=click.Path(path_type=Path, dir_okay=False))
def keygen_cmd(prefix: Path) -> None:
    """Write an Ed25519 key pair PREFIX.key (private) and PREFIX.pub for signing packages.

    PREFIX keeps every dot (my.org.signing gives my.org.signing.key; a trailing .key or
    .pub is dropped); its folder must exist. Existing keys are never overwritten. Give PREFIX.pub, or the fingerprint
    printed here, to whoever verifies your packages.
    """
    private, public = signing.generate(prefix)
    click.echo(f"private key: {private} (keep it secret)")
    click.echo(f"public key:  {public}")
    click.echo(f"fingerprint: {signing.fingerprint(public.read_bytes())}")
