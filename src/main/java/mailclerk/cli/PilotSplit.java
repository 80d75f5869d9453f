package mailclerk.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A labelled set split in two for the learning curve: one half plays the pilot's messages (their labels become
 * clerks' labels, in the order a pilot would see them), the other half is never trained on and measures. The split is
 * stratified by expected action and topic, so both halves hold every kind of message, and fixed by its seed.
 */
record PilotSplit(List<Labelled> pilot, List<Labelled> measured) {
    /** One line of a labels.tsv: the file, what should happen to it, and its topic ("-" when none). */
    record Labelled(String file, String action, String topic) {
        /**
         * The label a clerk would leave: the topic of the approved answer they sent. Messages that should be flagged
         * or ignored leave none (a clerk answering a two-question mail by hand names no single topic).
         */
        String clerkLabel() {
            return "reply".equals(action) && !"-".equals(topic) && !topic.isBlank() ? topic : null;
        }
    }

    static List<Labelled> read(Path labels) throws IOException {
        List<String> lines = Files.readAllLines(labels, StandardCharsets.UTF_8);
        List<Labelled> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) continue;
            String[] f = line.split("\t", -1);
            if (f.length < 3) throw new IOException("not a labels line (file, action, topic): " + line);
            out.add(new Labelled(f[0], f[1], f[2]));
        }
        return out;
    }

    static PilotSplit of(List<Labelled> all, long seed) {
        Map<String, List<Labelled>> strata = new TreeMap<>();
        for (Labelled l : all) strata.computeIfAbsent(l.action() + "/" + l.topic(), k -> new ArrayList<>()).add(l);
        Random random = new Random(seed);
        List<Labelled> pilot = new ArrayList<>();
        List<Labelled> measured = new ArrayList<>();
        boolean pilotFirst = true;
        for (List<Labelled> stratum : strata.values()) {
            Collections.shuffle(stratum, random);
            for (Labelled l : stratum) {
                (pilotFirst ? pilot : measured).add(l);
                pilotFirst = !pilotFirst; // alternating over the strata: halves within one message of each other
            }
        }
        Collections.shuffle(pilot, random); // the order the pilot meets them in
        return new PilotSplit(List.copyOf(pilot), List.copyOf(measured));
    }

    /** The clerks' labels after the pilot's first {@code n} messages. */
    List<Labelled> labelledAfter(int n) {
        return pilot.subList(0, Math.min(n, pilot.size())).stream().filter(l -> l.clerkLabel() != null).toList();
    }
}
