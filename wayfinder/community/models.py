"""The community of practice: the data. Spaces (the shared one, one per network, one between two networks), topics,
threads and their posts, with the follows, notifications, reports and moderation around them."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.urls import reverse

from wayfinder.frameworks.models import Dimension, SupportDomain
from wayfinder.networks.models import Network


class SpaceKind(models.TextChoices):
    SHARED = "shared", "Everyone signed in"
    NETWORK = "network", "A network's members"
    PAIR = "pair", "Two networks"


class Space(models.Model):
    """Where threads are started. There is one shared space, a space for each network that has used it, and
    private spaces between two networks (opened when one network's lead accepts another's contact request)."""

    kind = models.CharField(max_length=10, choices=SpaceKind.choices)
    title = models.CharField(max_length=200, blank=True)
    network = models.ForeignKey(Network, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    partner = models.ForeignKey(Network, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind"], condition=Q(kind="shared"), name="community_one_shared_space"),
            models.UniqueConstraint(
                fields=["network"], condition=Q(kind="network"), name="community_one_space_per_network"
            ),
            models.CheckConstraint(
                condition=Q(kind="shared", network__isnull=True, partner__isnull=True)
                | Q(kind="network", network__isnull=False, partner__isnull=True)
                | Q(kind="pair", network__isnull=False, partner__isnull=False),
                name="community_space_kind_matches_networks",
            ),
        ]

    def __str__(self) -> str:
        return self.title or self.get_kind_display()

    def get_absolute_url(self) -> str:
        if self.kind == SpaceKind.SHARED:
            return reverse("community:index")
        return reverse("community:space", kwargs={"space_id": self.pk})


class Topic(models.Model):
    """A subject the shared space is arranged by; editors keep the list."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True)
    position = models.PositiveIntegerField(default=0)
    dimensions = models.ManyToManyField(Dimension, blank=True, related_name="+")
    support_domains = models.ManyToManyField(SupportDomain, blank=True, related_name="+")

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("community:topic", kwargs={"slug": self.slug})


class Tag(models.Model):
    name = models.CharField(max_length=40, unique=True)

    def __str__(self) -> str:
        return self.name


class ThreadKind(models.TextChoices):
    QUESTION = "question", "Question"
    DISCUSSION = "discussion", "Discussion"


class PostStatus(models.TextChoices):
    VISIBLE = "visible", "Shown"
    PENDING = "pending", "Waiting for approval"
    HIDDEN = "hidden", "Hidden by a moderator"


class Thread(models.Model):
    """A question or a discussion: its title, and its opening post's body and status copied here for lists."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="threads")
    topic = models.ForeignKey(Topic, null=True, blank=True, on_delete=models.SET_NULL, related_name="threads")
    kind = models.CharField(max_length=12, choices=ThreadKind.choices, default=ThreadKind.QUESTION)
    title = models.CharField(max_length=200)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=10, choices=PostStatus.choices, default=PostStatus.VISIBLE)
    locked = models.BooleanField(default=False)
    reply_count = models.PositiveIntegerField(default=0)
    accepted = models.ForeignKey("Post", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    tags = models.ManyToManyField(Tag, blank=True, related_name="threads")
    resources = models.ManyToManyField("hub.ResourcePage", blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    last_activity_at = models.DateTimeField(db_index=True)
    # PostgreSQL only: the title (weight A) and the shown posts' words (weight B), written by `search.threads_index`;
    # empty while the thread is not shown. SQLite keeps the same documents in an FTS5 table instead.
    search = SearchVectorField(null=True, editable=False)

    class Meta:
        indexes = [
            models.Index(fields=["space", "status", "-last_activity_at"], name="community_thread_latest"),
            models.Index(fields=["topic", "status", "-last_activity_at"], name="community_thread_topic"),
            # Made on PostgreSQL only (migration 0004).
            GinIndex(fields=["search"], name="community_thread_search_gin"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("community:thread", kwargs={"thread_id": self.pk})


class Post(models.Model):
    """The opening post of a thread or a reply. `body` is the Markdown the author wrote; `html` is what it renders
    to, made safe once when it is written (`markup.render`)."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="+")  # the thread's
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    opening = models.BooleanField(default=False)
    body = models.TextField()
    html = models.TextField()
    quote = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(max_length=10, choices=PostStatus.choices, default=PostStatus.VISIBLE)
    moderation_reason = models.TextField(blank=True)
    helpful_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    edited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["thread", "created_at"], name="community_post_thread")]

    def __str__(self) -> str:
        return f"Post {self.pk} in {self.thread_id}"

    def get_absolute_url(self) -> str:
        return reverse("community:thread", kwargs={"thread_id": self.thread_id}) + f"#post-{self.pk}"


class PostRevision(models.Model):
    """What a post said before an edit."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()
    written_at = models.DateTimeField()
    replaced_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Earlier version of post {self.post_id}"


class Helpful(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["post", "person"], name="community_helpful_once")]

    def __str__(self) -> str:
        return f"Helpful: post {self.post_id}"


class Follow(models.Model):
    """A person follows one thread, topic or space (exactly one of them)."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey(Thread, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    topic = models.ForeignKey(Topic, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    space = models.ForeignKey(Space, null=True, blank=True, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(thread__isnull=False, topic__isnull=True, space__isnull=True)
                | Q(thread__isnull=True, topic__isnull=False, space__isnull=True)
                | Q(thread__isnull=True, topic__isnull=True, space__isnull=False),
                name="community_follow_one_thing",
            ),
            models.UniqueConstraint(fields=["person", "thread"], name="community_follow_thread_once"),
            models.UniqueConstraint(fields=["person", "topic"], name="community_follow_topic_once"),
            models.UniqueConstraint(fields=["person", "space"], name="community_follow_space_once"),
        ]

    def __str__(self) -> str:
        return f"Follow by {self.person_id}"


class NotificationKind(models.TextChoices):
    REPLY = "reply", "New reply"
    THREAD = "thread", "New thread"
    MENTION = "mention", "Mention"
    ACCEPTED = "accepted", "Answer accepted"
    HIDDEN = "hidden", "Post hidden"
    RESTORED = "restored", "Post restored"
    STOPPED = "stopped", "Posting stopped"


class Notification(models.Model):
    """Something for a person to know about: a reply, a new thread, a mention, an accepted answer, a moderator's
    decision. Made only for people who may read the thread."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=12, choices=NotificationKind.choices)
    thread = models.ForeignKey(Thread, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    post = models.ForeignKey(Post, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    # Who did it; the words are made when the notification is shown, so a name changed or erased is not kept here.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # A moderator's reason, for moderation notifications.
    text = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["person", "read_at"], name="community_notification_unread")]
        constraints = [
            models.UniqueConstraint(fields=["person", "kind", "post"], name="community_notified_once"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.person_id}"


class Participant(models.Model):
    """What the community keeps about one person: when they agreed to the norms."""

    person = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    norms_agreed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Participant {self.person_id}"


class PostingStop(models.Model):
    """A moderator stopped a person posting in a space until a moment."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    until = models.DateTimeField()
    reason = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Stopped until {self.until:%Y-%m-%d}"


class ReportReason(models.TextChoices):
    UNKIND = "unkind", "It is rude, unkind or harassing"
    PERSONAL = "personal", "It shares someone's personal or patient information"
    SPAM = "spam", "It is spam or advertising"
    WRONG = "wrong", "It is misleading or unsafe advice"
    ILLEGAL = "illegal", "It may be illegal"
    OTHER = "other", "Something else"


class Report(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.CharField(max_length=12, choices=ReportReason.choices)
    detail = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["resolved_at"], name="community_report_open")]

    def __str__(self) -> str:
        return f"Report on post {self.post_id}"


class ModerationAction(models.TextChoices):
    HIDE = "hide", "Hid a post"
    RESTORE = "restore", "Restored a post"
    APPROVE = "approve", "Approved a post"
    LOCK = "lock", "Locked a thread"
    UNLOCK = "unlock", "Unlocked a thread"
    STOP = "stop", "Stopped someone posting"
    DISMISS = "dismiss", "Dismissed a report"


class ModerationLog(models.Model):
    """Every moderation step, for the moderators of the space to read."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="+")
    moderator = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    action = models.CharField(max_length=10, choices=ModerationAction.choices)
    thread = models.ForeignKey(Thread, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    post = models.ForeignKey(Post, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.get_action_display()} ({self.created_at:%Y-%m-%d})"


# Shared purpose, peers and the member directory keep their models in modules of their own; importing them here is
# how Django finds them.
from wayfinder.community.directory_models import DirectoryEntry, DirectoryInterest  # noqa: E402, F401
from wayfinder.community.peers_models import PeerContact, PeerSharing  # noqa: E402, F401
from wayfinder.community.purpose_models import (  # noqa: E402, F401
    PurposeBallot,
    PurposeComment,
    PurposeStatement,
    PurposeVote,
)
