package io.territoryos.trigger.domain;

/**
 * One number behind a command or an alert, with the threshold it was compared with (null when there is none),
 * so that whoever reads the command can see why it fired.
 */
public record EvidenceItem(String name, double value, Double threshold, String subject) {

    public static EvidenceItem of(String name, double value, String subject) {
        return new EvidenceItem(name, value, null, subject);
    }

    public static EvidenceItem against(String name, double value, double threshold, String subject) {
        return new EvidenceItem(name, value, threshold, subject);
    }
}
