/**
 * The query language of filter-and-browse models, with the Qt Interface Framework's grammar and
 * canonical form: comparisons ({@code = == != ~= < <= > >=}) of a field with a literal, joined with
 * {@code &}/{@code &&} and {@code |}/{@code ||}, negated with {@code !}, grouped with parentheses,
 * followed by sort clauses {@code [/field]} (ascending) and {@code [\field]} (descending).
 */
@Export
@Version("1.0.0")
package io.ifw.core.query;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
