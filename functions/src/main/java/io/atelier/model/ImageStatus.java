package io.atelier.model;

public enum ImageStatus {
    PENDING,
    READY,
    REJECTED
}
