package io.github.ollamaproxy.routes;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The route files the proxy runs: the shipped ones, minus every definition that a file of the
 * routes folder defines again (same kind and id), plus the folder's files. A folder file that is
 * an unchanged copy of the shipped file at the same path (running from a checkout of the project)
 * replaces nothing: the shipped file is used.
 *
 * @param files     what to load, shipped files first
 * @param replaced  for each replaced definition key, the folder file that replaces it
 */
public record RouteFileSet(List<RouteFile> files, Map<String, String> replaced) {

    /** Merges the folder's files over the shipped ones. */
    public static RouteFileSet merge(List<RouteFile> shipped, List<RouteFile> folder) {
        Map<String, String> shippedTexts = new HashMap<>();
        shipped.forEach(file -> shippedTexts.put(file.path(), file.text()));
        List<RouteFile> own = folder.stream().filter(file -> !file.text().equals(shippedTexts.get(file.path())))
                .toList();
        if (own.isEmpty()) {
            return new RouteFileSet(List.copyOf(shipped), Map.of());
        }
        Map<String, String> defined = new LinkedHashMap<>();
        for (RouteFile file : own) {
            for (String key : file.keys()) {
                defined.put(key, file.location());
            }
        }
        Set<String> shippedKeys = new HashSet<>();
        List<RouteFile> files = new ArrayList<>();
        for (RouteFile file : shipped) {
            List<String> keys = file.keys();
            shippedKeys.addAll(keys);
            files.add(Collections.disjoint(keys, defined.keySet()) ? file : file.without(defined.keySet()));
        }
        files.addAll(own);
        Map<String, String> replaced = new LinkedHashMap<>(defined);
        replaced.keySet().retainAll(shippedKeys);
        return new RouteFileSet(List.copyOf(files), replaced);
    }

}
