package io.github.ollamaproxy.optimizer;

import java.util.Arrays;

/**
 * One part of a prompt pattern (a chat message, a system prompt, the tool definitions): its role
 * and the words it is known to start and end with. A closed part is exactly its {@code head}; an
 * open part has words between {@code head} and {@code tail} that vary or were not kept.
 *
 * @param role  the part's role
 * @param head  hashes of the words it starts with ({@link Words})
 * @param tail  hashes of the words it ends with (empty for a closed part)
 * @param open  whether words may come between head and tail
 * @param words how many words the part had in the prompt it was made from
 */
record PromptPart(String role, int[] head, int[] tail, boolean open, int words) {

    /** Words kept at each end of a part longer than twice this. */
    static final int EDGE = 128;

    /** A prompt's own part: closed, unless too long to keep whole. */
    static PromptPart of(String role, String text) {
        int[] hashes = Words.hashes(text);
        if (hashes.length <= 2 * EDGE) {
            return new PromptPart(role, hashes, new int[0], false, hashes.length);
        }
        return new PromptPart(role, Arrays.copyOf(hashes, EDGE), Arrays.copyOfRange(hashes, hashes.length - EDGE,
                hashes.length), true, hashes.length);
    }

    /** The words the part ends with: its tail when open, else all of it. */
    int[] ending() {
        return open ? tail : head;
    }

    /** How many words this part fixes: those every prompt of its template has. */
    int fixed() {
        return head.length + tail.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PromptPart that && role.equals(that.role) && open == that.open
                && words == that.words && Arrays.equals(head, that.head) && Arrays.equals(tail, that.tail);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * role.hashCode() + Arrays.hashCode(head)) + Arrays.hashCode(tail);
    }

    @Override
    public String toString() {
        return role + "[" + head.length + (open ? " … " + tail.length : "") + "]";
    }
}
