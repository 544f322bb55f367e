package io.atelier.store;

import io.atelier.model.PromptTemplate;
import java.util.List;
import java.util.Optional;

/** A person's prompt templates and which group is their favourite; reached only through the owner. */
public interface TemplateStore {
    List<PromptTemplate> list(String owner);

    Optional<PromptTemplate> find(String owner, String templateId);

    /** Creates or replaces the template. */
    void put(PromptTemplate template);

    /** False if the owner has no such template. */
    boolean delete(String owner, String templateId);

    Optional<String> favouriteGroup(String owner);

    /** Sets, or with null clears, the owner's favourite group. */
    void setFavouriteGroup(String owner, String group);
}
