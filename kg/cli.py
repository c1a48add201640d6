"""The `kg` command: a thin layer of flags over importable functions.

Each `cmd_*` parses nothing itself: it takes the argparse namespace, calls one
function that returns data, prints it, and returns the exit status.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.settings import DEFAULT_STORE


def _add_store(p: argparse.ArgumentParser, default: str | None = DEFAULT_STORE) -> None:
    p.add_argument("--store", default=default, metavar="URL",
                   help="oxigraph:DIR (default %(default)s), oxigraph:memory, "
                        "or sparql:QUERY_URL[,UPDATE_URL]")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kg", description="healthkg: Chinese health-policy texts -> knowledge graph.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("extract", help="extract facts from texts, print them (no store)")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH",
                   help="files or folders (searched recursively for .txt/.md)")
    p.add_argument("--format", choices=["eval", "jsonld", "ttl"], default="eval",
                   help="eval: one JSON object per line, the ANNOTATION.md prediction format")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("build", help="ingest texts into a store, one named graph per document")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    _add_store(p)
    p.add_argument("--workers", type=int, default=1, metavar="N",
                   help="extract in N processes (the store is written by one)")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("query", help="run a SPARQL query against a store")
    p.add_argument("sparql", help="the query text, or @FILE to read it from a file")
    _add_store(p)
    p.add_argument("--format", choices=["table", "json", "csv"], default="table")
    p.set_defaults(func=cmd_query)

    p = sub.add_parser("eval", help="score predictions against a gold folder (ANNOTATION.md rules)")
    p.add_argument("gold_dir", type=Path, help="folder of <doc_id>.txt + <doc_id>.json")
    p.add_argument("predictions", type=Path, nargs="?",
                   help="prediction file or folder; default: extract the gold texts now")
    p.add_argument("--json", type=Path, help="also write the scores here")
    p.add_argument("--markdown", action="store_true", help="print a Markdown table")
    p.add_argument("--into", type=Path, metavar="FILE.md",
                   help="also write the Markdown table into FILE's dev-scores block")
    p.add_argument("--min", action="append", default=[], metavar="FIELD=F1",
                   help="fail unless FIELD's F1 is at least this (repeatable)")
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("export", help="write the whole store to one RDF file")
    _add_store(p)
    p.add_argument("--format", choices=["nquads", "trig", "ttl", "jsonld", "graphml"],
                   default="nquads")
    p.add_argument("-o", "--output", type=Path, required=True)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("stats", help="documents, graphs and triples in a store")
    _add_store(p)
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser("remove", help="remove a document's graph (by doc_id, sha256 or graph IRI)")
    p.add_argument("document")
    _add_store(p)
    p.set_defaults(func=cmd_remove)

    p = sub.add_parser("backup", help="copy a store to DIR (N-Quads)")
    p.add_argument("directory", type=Path)
    _add_store(p)
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("restore", help="load a backup from DIR into a store")
    p.add_argument("directory", type=Path)
    _add_store(p)
    p.set_defaults(func=cmd_restore)

    p = sub.add_parser("serve", help="serve SPARQL, REST and HTML views over HTTP")
    _add_store(p)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--load", nargs="*", type=Path, default=[], metavar="FILE",
                   help="RDF files (N-Quads, TriG, Turtle, N-Triples) to load first")
    p.add_argument("--update", action="store_true",
                   help="enable /update (needs $HEALTHKG_UPDATE_TOKEN off loopback)")
    p.add_argument("--timeout", type=float, default=None, help="seconds per query (default 10)")
    p.add_argument("--max-rows", type=int, default=None, help="row cap (default 10000)")
    p.add_argument("--max-body-bytes", type=int, default=None,
                   help="largest request body, else 413 (default 1 MiB)")
    p.add_argument("--max-concurrent", type=int, default=None,
                   help="queries evaluated at once, else 503 (default 4)")
    p.add_argument("--cors-origin", action="append", default=None, metavar="ORIGIN",
                   help="origin allowed to call /sparql from a browser (repeatable; default *)")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("view", help="write a standalone HTML graph view")
    p.add_argument("kind", choices=["citations", "issuers", "regions", "node"])
    p.add_argument("--node", help="IRI of the centre node (kind=node)")
    p.add_argument("--depth", type=int, default=1)
    _add_store(p)
    p.add_argument("-o", "--output", type=Path, required=True)
    p.set_defaults(func=cmd_view)

    p = sub.add_parser("demo", help="build the bundled sample corpus and serve it")
    p.add_argument("--store", default=None, metavar="URL",
                   help="default: an on-disk store under ./data/demo")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--no-serve", action="store_true", help="build only")
    p.set_defaults(func=cmd_demo)
    return parser


def _fail(message: str) -> int:
    print(f"kg: error: {message}", file=sys.stderr)
    return 2


def cmd_extract(args: argparse.Namespace) -> int:
    from kg.ingest import extract_paths, write_extractions

    failures = write_extractions(extract_paths(args.paths), args.format, sys.stdout)
    return 1 if failures else 0


def cmd_build(args: argparse.Namespace) -> int:
    from kg.ingest import build
    from kg.store import open_store

    with open_store(args.store) as store:
        report = build(args.paths, store, progress=sys.stderr, workers=args.workers)
    print(report.summary())
    return 1 if report.failures else 0


def cmd_query(args: argparse.Namespace) -> int:
    from kg.results import format_results
    from kg.store import open_store

    sparql = Path(args.sparql[1:]).read_text(encoding="utf-8") if args.sparql.startswith("@") \
        else args.sparql
    with open_store(args.store, read_only=True) as store:
        sys.stdout.write(format_results(store.query(sparql), args.format))
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from kg.evaluate import evaluate_cli

    return evaluate_cli(args.gold_dir, args.predictions, json_out=args.json,
                        markdown=args.markdown, minimums=args.min, out=sys.stdout,
                        into=args.into)


def cmd_export(args: argparse.Namespace) -> int:
    from kg.store import open_store

    with open_store(args.store, read_only=True) as store:
        store.export(args.output, args.format)
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    from kg.store import open_store

    with open_store(args.store, read_only=True) as store:
        for key, value in store.stats().items():
            print(f"{key}\t{value}")
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    from kg.ingest import remove_document
    from kg.store import open_store

    with open_store(args.store) as store:
        removed = remove_document(store, args.document)
    if not removed:
        return _fail(f"no document {args.document!r} in {args.store}")
    print(f"removed {removed}")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from kg.store import open_store

    with open_store(args.store, read_only=True) as store:
        store.backup(args.directory)
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from kg.store import open_store

    with open_store(args.store) as store:
        store.restore(args.directory)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from api.app import serve
    from api.settings import Settings

    settings = Settings.from_cli(args)
    return serve(settings)


def cmd_view(args: argparse.Namespace) -> int:
    from api.viz import ViewError, write_view
    from kg.store import open_store

    with open_store(args.store, read_only=True) as store:
        try:
            write_view(store, args.kind, args.output, node=args.node, depth=args.depth)
        except ViewError as exc:  # unknown node, missing --node
            return _fail(str(exc))
    print(args.output)
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from kg.demo import demo

    return demo(store_url=args.store, host=args.host, port=args.port, serve=not args.no_serve)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:  # `kg query … | head`
        return 0
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # expected failures print one line, not a traceback
        from extractors.load import LoadError
        from kg.store import StoreError
        from kg.stores.formats import FormatError

        if isinstance(exc, (StoreError, LoadError, FormatError)):
            return _fail(str(exc))
        raise


if __name__ == "__main__":
    sys.exit(main())
