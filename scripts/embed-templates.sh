#!/usr/bin/env bash
# Rewrites Templates/EmbeddedTemplates.swift from Templates/*.mustache.
set -euo pipefail
cd "$(dirname "$0")/../Templates"
out=EmbeddedTemplates.swift
{
  echo "// Written by scripts/embed-templates.sh from Templates/*.mustache. Do not edit."
  echo ""
  echo "/// The generator's Mustache templates, compiled in so the generator needs no resource bundle."
  echo "public enum EmbeddedTemplates {"
  echo "    /// Template name (file name without \`.mustache\`) to template text."
  echo "    public static let all: [String: String] = ["
  for f in $(ls *.mustache | LC_ALL=C sort); do
    name="${f%.mustache}"
    echo "        \"$name\": #\"\"\""
    sed 's/^/        /; s/[[:space:]]*$//' "$f" | sed 's/^[[:space:]]*$//'
    echo ""
    echo "        \"\"\"#,"
  done
  echo "    ]"
  echo "}"
} > "$out"
