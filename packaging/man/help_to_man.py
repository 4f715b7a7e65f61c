#!/usr/bin/env python3
"""Man pages for filmrecover-cli and filmrecover, made from their own --help.

The programs' --help is the one source of truth: this runs the built binaries
(`filmrecover-cli --help`, `filmrecover-cli COMMAND --help` for every command the top
help lists, `filmrecover --help`) and turns the text into roff, so a flag added to a
command shows up in its man page at the next build without anyone editing a page.

Usage: help_to_man.py --cli PATH --gui PATH --version X.Y.Z --out-dir DIR
Writes DIR/filmrecover-cli.1.gz and DIR/filmrecover.1.gz (gzip without a time stamp, so
the same help gives the same bytes). Without --gui only the CLI page is written.
"""
import argparse
import concurrent.futures
import gzip
import os
import re
import subprocess
import sys

# Every help call is bounded: a program that hangs fails the build instead of stalling it.
HELP_TIMEOUT_S = 60


def run_help(argv, env=None):
    # Under the sanitizer preset the programs are ASan builds: a leak report at exit (from
    # the libraries' static state) would fail the build over a --help.
    env = dict(env or os.environ, ASAN_OPTIONS="detect_leaks=0")
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=HELP_TIMEOUT_S, env=env)
    except subprocess.TimeoutExpired:
        sys.exit(f"help_to_man: {' '.join(argv)} did not finish in {HELP_TIMEOUT_S} s")
    if done.returncode != 0 or not done.stdout.strip():
        sys.exit(f"help_to_man: {' '.join(argv)} exited {done.returncode} without help text:\n{done.stderr}")
    return done.stdout


def roff_escape(text):
    """Plain text as roff: backslashes and hyphens escaped, no line read as a request."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    return "\n".join("\\&" + line if line.startswith((".", "'")) else line for line in text.split("\n"))


class Help:
    """One --help text split into its parts.

    description: the paragraphs before "Usage:"/after the usage lines; usage: the usage
    lines; sections: [(title, [(term, description)])], where a title is a CLI11 group
    ("Options", "Subcommands", "Positionals", ...) and "" for items under no heading.
    """

    def __init__(self, text):
        self.description = []
        self.usage = []
        self.sections = []
        lines = text.rstrip("\n").split("\n")
        state = "description"
        for line in lines:
            stripped = line.strip()
            if line.startswith("Usage:"):
                self.usage.append(line[len("Usage:"):].strip())
                state = "usage"
                continue
            if state == "usage" and line.startswith(" ") and stripped and not self._is_item(line) \
                    and not self.sections:
                self.usage.append(stripped)
                continue
            if re.match(r"^[A-Z][\w ]*:$", line):
                self.sections.append((line[:-1], []))
                state = "items"
                continue
            if self._is_item(line) and (state == "items" or state == "usage" or self.sections):
                if not self.sections:
                    self.sections.append(("", []))
                # "  TERM   description": the term ends at the first run of two spaces.
                m = re.match(r"^(\S.*?)(?: {2,}(.*))?$", line.strip())
                self.sections[-1][1].append([m.group(1), (m.group(2) or "").strip()])
                state = "items"
                continue
            if state == "items" and line.startswith("    ") and self.sections and self.sections[-1][1]:
                item = self.sections[-1][1][-1]
                item[1] = (item[1] + " " + stripped).strip()
                continue
            if state == "items" and not stripped:
                continue
            # Prose: before the usage, or a paragraph between the usage and the items.
            self.description.append(stripped)
        while self.description and not self.description[-1]:
            self.description.pop()

    @staticmethod
    def _is_item(line):
        return bool(re.match(r"^  \S", line))

    def items(self, title):
        for t, entries in self.sections:
            if t == title:
                return entries
        return []


def paragraphs(lines):
    out, current = [], []
    for line in lines:
        if line:
            current.append(line)
        elif current:
            out.append(" ".join(current))
            current = []
    if current:
        out.append(" ".join(current))
    return out


def roff_items(entries):
    out = []
    for term, desc in entries:
        out.append(".TP")
        out.append("\\fB" + roff_escape(term) + "\\fR")
        out.append(roff_escape(desc) if desc else "\\&")
    return out


def roff_sections(help_text, skip=()):
    out = []
    shown = [(t, e) for t, e in help_text.sections if t not in skip]
    for i, (title, entries) in enumerate(shown):
        # A lone "Options" needs no heading under OPTIONS; after "Positionals" it does.
        if title and not (title == "Options" and i == 0):
            out.append(".PP")
            out.append("\\fI" + roff_escape(title) + "\\fR")
        out += roff_items(entries)
    return out


def header(name, version, summary):
    return [
        f'.TH {roff_escape(name.upper())} 1 "" "filmrecover {roff_escape(version)}" "filmrecover manual"',
        ".SH NAME",
        f"{roff_escape(name)} \\- {roff_escape(summary)}",
    ]


def cli_page(cli, version):
    top = Help(run_help([cli, "--help"]))
    # The first description line reads "filmrecover-cli: what it is."; the rest is prose.
    first = top.description[0] if top.description else "filmrecover-cli"
    summary = first.split(":", 1)[1].strip().rstrip(".") if ":" in first else first
    out = header("filmrecover-cli", version, summary)
    out += [".SH SYNOPSIS"] + [".nf"] + [roff_escape(u) for u in top.usage] + [".fi"]
    out += [".SH DESCRIPTION"]
    for p in paragraphs(top.description[1:]) or [summary]:
        out += [".PP", roff_escape(p)]
    out += [".SH OPTIONS"] + roff_sections(top, skip=("Subcommands",))
    commands = [term.split()[0] for term, _ in top.items("Subcommands")]
    if not commands:
        sys.exit(f"help_to_man: {cli} --help lists no commands")
    out += [".SH COMMANDS"]
    # Each call loads the whole engine (LibTorch and all); run them side by side.
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        helps = list(pool.map(lambda c: Help(run_help([cli, c, "--help"])), commands))
    for command, sub in zip(commands, helps):
        out += [".SS " + roff_escape(command)]
        for p in paragraphs(sub.description):
            out += [".PP", roff_escape(p)]
        out += [".PP", ".nf"] + [roff_escape(u) for u in sub.usage] + [".fi"]
        out += roff_sections(sub)
    out += [".SH EXIT STATUS",
            "0 done; 1 bad usage or input (the message names the flag, file or frame); "
            "2 a failure while running (finished work is kept and a re\\-run resumes).",
            ".SH SEE ALSO", "\\fBfilmrecover\\fR(1); the farm guide and the command reference in "
            "the project documentation (docs/farm.md, docs/cli.md)."]
    return out


def gui_page(gui, version):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    text = Help(run_help([gui, "--help"], env=env))
    summary = "the film restoration workstation"
    out = header("filmrecover", version, summary)
    out += [".SH SYNOPSIS", ".nf"] + [roff_escape(u) for u in text.usage] + [".fi"]
    out += [".SH DESCRIPTION"]
    for p in paragraphs(text.description):
        out += [".PP", roff_escape(p)]
    out += [".SH OPTIONS"] + roff_sections(text)
    out += [".SH SEE ALSO", "\\fBfilmrecover\\-cli\\fR(1), the headless commands the workstation runs."]
    return out


def write_gz(path, lines):
    data = ("\n".join(lines) + "\n").encode("utf-8")
    tmp = path + ".tmp"
    with open(tmp, "wb") as raw:
        # mtime=0 and no file name: the same help text gives the same bytes.
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz:
            gz.write(data)
    os.replace(tmp, path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cli", required=True)
    parser.add_argument("--gui")
    parser.add_argument("--version", required=True)
    parser.add_argument("--out-dir", required=True)
    args = parser.parse_args()
    os.makedirs(args.out_dir, exist_ok=True)
    write_gz(os.path.join(args.out_dir, "filmrecover-cli.1.gz"), cli_page(args.cli, args.version))
    if args.gui:
        write_gz(os.path.join(args.out_dir, "filmrecover.1.gz"), gui_page(args.gui, args.version))


if __name__ == "__main__":
    main()
