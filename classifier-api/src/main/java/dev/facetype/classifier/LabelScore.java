package dev.facetype.classifier;

/** A type and the probability the model gives it. */
public record LabelScore(String label, double probability) {
}
